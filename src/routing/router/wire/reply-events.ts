// One reply as a stream of typed events, whatever API it arrived in: the translators read Chat Completions chunks
// into these, and each client API's writer renders them (Anthropic Messages, OpenAI Responses).

export type ReplyEvent =
  | {type: 'text'; text: string}
  | {type: 'reasoning'; text: string}
  /** A tool call begins; `index` is its position among the reply's calls. */
  | {type: 'tool-start'; index: number; id: string; name: string}
  | {type: 'tool-args'; index: number; text: string}
  /** Chat Completions' finish_reason: stop, length, tool_calls (others are kept as they came). */
  | {type: 'finish'; reason: string}
  | {type: 'usage'; usage: ReplyUsage}

export interface ReplyUsage {
  promptTokens: number
  completionTokens: number
  /** Prompt tokens served from the engine's prefix cache, where it reports them. */
  cachedTokens?: number
  reasoningTokens?: number
}

/** Renders reply events in one client API; frames are returned as text to write, `result` is the whole reply. */
export interface ReplyWriter {
  start(): string
  write(event: ReplyEvent): string
  end(): string
  result(): unknown
}

interface ChatDelta {
  content?: string | null
  reasoning_content?: string | null
  reasoning?: string | null
  tool_calls?: {index?: number; id?: string; function?: {name?: string; arguments?: string}}[]
}

interface ChatUsage {
  prompt_tokens?: number
  completion_tokens?: number
  prompt_tokens_details?: {cached_tokens?: number} | null
  completion_tokens_details?: {reasoning_tokens?: number} | null
}

export function usageEvent(u: ChatUsage): ReplyEvent {
  const usage: ReplyUsage = {promptTokens: u.prompt_tokens ?? 0, completionTokens: u.completion_tokens ?? 0}
  const cached = u.prompt_tokens_details?.cached_tokens
  if (cached) usage.cachedTokens = cached
  const reasoning = u.completion_tokens_details?.reasoning_tokens
  if (reasoning) usage.reasoningTokens = reasoning
  return {type: 'usage', usage}
}

/**
 * Reads Chat Completions chunks (streamed) into reply events; remembers which tool calls have started. Each call
 * gets its id from `callId` (a fresh one per call, whatever id the upstream sent: see tool-ids.ts).
 */
export class ChatChunkReader {
  private readonly started = new Set<number>()

  constructor(private readonly callId: () => string) {}

  read(chunk: {
    choices?: {delta?: ChatDelta; finish_reason?: string | null}[]
    usage?: ChatUsage | null
  }): ReplyEvent[] {
    const out: ReplyEvent[] = []
    const choice = chunk.choices?.[0]
    if (choice?.delta) this.delta(choice.delta, out)
    if (choice?.finish_reason) out.push({type: 'finish', reason: choice.finish_reason})
    if (chunk.usage) out.push(usageEvent(chunk.usage))
    return out
  }

  /** A whole (non-streamed) chat completion as the same events. */
  readCompletion(body: {
    choices?: {message?: ChatDelta; finish_reason?: string | null}[]
    usage?: ChatUsage | null
  }): ReplyEvent[] {
    const choice = body.choices?.[0]
    return this.read({
      choices: [{delta: choice?.message ?? {}, finish_reason: choice?.finish_reason ?? 'stop'}],
      usage: body.usage ?? null,
    })
  }

  private delta(d: ChatDelta, out: ReplyEvent[]): void {
    const reasoning = d.reasoning_content ?? d.reasoning
    if (reasoning) out.push({type: 'reasoning', text: reasoning})
    if (d.content) out.push({type: 'text', text: d.content})
    for (const [k, call] of (d.tool_calls ?? []).entries()) {
      const index = call.index ?? k
      if (!this.started.has(index) && call.function?.name) {
        this.started.add(index)
        out.push({type: 'tool-start', index, id: this.callId(), name: call.function.name})
      }
      if (call.function?.arguments) out.push({type: 'tool-args', index, text: call.function.arguments})
    }
  }
}
