// Requests kept inside the context an upstream serves. Clients ask for far more reply than a local engine's context
// leaves (Claude Code asks 32,000 tokens of a 32,768-token engine), and the engine then refuses the whole request.
// The router lowers max_tokens to what fits (the engine would stop there anyway), and when its estimate of the
// prompt was short, the engine's own refusal says the exact prompt size: the request is sent once more with the
// room that leaves. What still does not fit is told to the client as the error it acts on: "prompt too long" when
// the prompt leaves too little room (the client compacts), "output too large" otherwise.

/**
 * Less room than this (or than the client asked for, if that is less) is not worth a reply: the prompt is what is
 * too long. Below it the router neither lowers max_tokens nor retries.
 */
export const MIN_REPLY_TOKENS = 1_024

/** What an engine's context refusal says, as far as its wording tells. */
export interface ContextOverflow {
  /** `prompt`: the prompt alone does not fit (or leaves too little room); `output`: the prompt fits, the reply does not. */
  kind: 'prompt' | 'output'
  context?: number
  prompt?: number
  completion?: number
}

// The wordings of vLLM (current: "'max_tokens' or 'max_completion_tokens' is too large: C. This model's maximum
// context length is N tokens and your request has P input tokens"; older: "However, you requested T tokens (P in the
// messages, C in the completion)"), SGLang ("P tokens from the input messages and C tokens for the completion"),
// llama.cpp ("exceeds the available context size"), Ollama.
const CONTEXT_PATTERNS = [
  /maximum context length/i,
  /context size/i,
  /context length/i,
  /prompt is too long/i,
  /too many tokens/i,
]
const first = (text: string, patterns: RegExp[]): number | undefined => {
  for (const p of patterns) {
    const m = p.exec(text)
    if (m?.[1]) return Number(m[1])
  }
  return undefined
}

export function isContextLengthError(message: string): boolean {
  return CONTEXT_PATTERNS.some((p) => p.test(message))
}

/** The refusal read from an engine's 400 message, or undefined when it is not about the context. */
export function parseContextOverflow(message: string): ContextOverflow | undefined {
  const tooLarge = /(max_tokens|max_completion_tokens|max_output_tokens)\W.*too large/i.test(message)
  if (!tooLarge && !isContextLengthError(message)) return undefined
  const context = first(message, [/maximum context length (?:is|of) (\d+)/i, /context size \((\d+)/i])
  const prompt = first(message, [/has (\d+) input tokens/i, /\((\d+) in the messages/i, /(\d+) tokens from the input/i])
  const completion = first(message, [
    /too large: (\d+)/i,
    /(\d+) in the completion/i,
    /(\d+) tokens for the completion/i,
  ])
  const fits = prompt !== undefined && context !== undefined && prompt < context
  const kind = tooLarge || (fits && completion !== undefined) ? 'output' : 'prompt'
  return {
    kind,
    ...(context !== undefined ? {context} : {}),
    ...(prompt !== undefined ? {prompt} : {}),
    ...(completion !== undefined ? {completion} : {}),
  }
}

/** Whether `room` tokens are worth a reply to a client that asked for `requested`. */
export const roomEnough = (room: number, requested: number) => room >= Math.min(requested, MIN_REPLY_TOKENS)

/**
 * The max_tokens to send instead of `requested`, or undefined to send it as asked: when the context is known and
 * the estimated prompt leaves less room than asked, but enough for a reply.
 */
export function fitMaxTokens(
  requested: unknown,
  context: number | undefined,
  promptEstimate: number,
): number | undefined {
  if (typeof requested !== 'number' || context === undefined) return undefined
  const room = context - promptEstimate
  return requested > room && roomEnough(room, requested) ? room : undefined
}

/**
 * The room left by an engine's "output too large" refusal, to retry with once; undefined when the refusal does not
 * say, or the room is not worth a reply (then the prompt is what is too long).
 */
export function roomAfterRefusal(overflow: ContextOverflow | undefined, requested: number): number | undefined {
  if (overflow?.kind !== 'output' || overflow.context === undefined || overflow.prompt === undefined) return undefined
  const room = overflow.context - overflow.prompt
  return roomEnough(room, requested) && room < requested ? room : undefined
}
