import type {Price} from './price-table.js'

// One request's tokens, split the way providers bill them. Each API counts differently; these readers bring them to
// one shape: Anthropic's `input_tokens` excludes cache reads and writes (they come apart), OpenAI's prompt or input
// tokens include the cached ones (`*_tokens_details.cached_tokens`), which are taken out here.

export interface TokenUsage {
  /** Uncached prompt tokens. */
  input: number
  /** Prompt tokens read from a prompt cache (the provider's, or the engine's prefix cache). */
  cachedInput: number
  /** Prompt tokens written to the provider's prompt cache. */
  cacheWrite: number
  output: number
  /** True when the reply carried no usage and the router counted it itself (prompt bytes, reply events). */
  estimated: boolean
}

const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0)

/**
 * A usage object in any of the three APIs (Chat Completions `prompt_tokens`, Responses `input_tokens` with
 * details, Anthropic Messages `input_tokens` with cache fields); undefined when it is none of them.
 */
export function readUsage(u: Record<string, unknown>): TokenUsage | undefined {
  if ('prompt_tokens' in u || 'completion_tokens' in u) {
    const cached = n((u.prompt_tokens_details as {cached_tokens?: unknown} | null | undefined)?.cached_tokens)
    return {
      input: Math.max(0, n(u.prompt_tokens) - cached),
      cachedInput: cached,
      cacheWrite: 0,
      output: n(u.completion_tokens),
      estimated: false,
    }
  }
  if (!('input_tokens' in u) && !('output_tokens' in u)) return undefined
  if ('cache_read_input_tokens' in u || 'cache_creation_input_tokens' in u || !('input_tokens_details' in u))
    return {
      input: n(u.input_tokens),
      cachedInput: n(u.cache_read_input_tokens),
      cacheWrite: n(u.cache_creation_input_tokens),
      output: n(u.output_tokens),
      estimated: false,
    }
  const cached = n((u.input_tokens_details as {cached_tokens?: unknown} | null | undefined)?.cached_tokens)
  return {
    input: Math.max(0, n(u.input_tokens) - cached),
    cachedInput: cached,
    cacheWrite: 0,
    output: n(u.output_tokens),
    estimated: false,
  }
}

/** All prompt tokens, cached or not. */
export const promptTokensOf = (u: TokenUsage) => u.input + u.cachedInput + u.cacheWrite

/** What the tokens cost at `price` (USD). */
export function costUsd(u: TokenUsage, price: Price): number {
  const long = price.longPrompt
  const r = long && promptTokensOf(u) > long.overTokens ? long : price
  return (
    (u.input * r.input +
      u.cachedInput * (r.cachedInput ?? r.input) +
      u.cacheWrite * (r.cacheWrite ?? r.input) +
      u.output * r.output) /
    1e6
  )
}

/** The router's count when a reply carried no usage: the prompt from its bytes (~4 a token), a token an event. */
export function estimatedUsage(promptBytes: number, outputEvents: number): TokenUsage {
  return {input: Math.ceil(promptBytes / 4), cachedInput: 0, cacheWrite: 0, output: outputEvents, estimated: true}
}

/** The translators' usage (Chat Completions counts, cached tokens inside the prompt count). */
export function fromReplyUsage(u: {promptTokens: number; completionTokens: number; cachedTokens?: number}): TokenUsage {
  const cached = u.cachedTokens ?? 0
  return {
    input: Math.max(0, u.promptTokens - cached),
    cachedInput: cached,
    cacheWrite: 0,
    output: u.completionTokens,
    estimated: false,
  }
}
