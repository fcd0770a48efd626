import type {ChatMessage} from '../llm/types.js'

/** One prompt of a benchmark dataset. */
export interface BenchPrompt {
  messages: ChatMessage[]
  /** max_tokens to ask for (the expected output length). */
  maxTokens: number
  /** Prompt tokens by the client's tokenizer, as the dataset built it. */
  promptTokens: number
}

/** One request as measured: the raw record every figure is computed from. Times in ms. */
export interface RequestSample {
  /** Index in the point's request order. */
  idx: number
  ok: boolean
  error?: string
  /** Sent, relative to the point's start (s). */
  sentAt: number
  promptTokens: number
  /** Tokens the dataset expected to send; compare with promptTokens from usage. */
  expectedPromptTokens: number
  outputTokens: number
  /** Output/prompt counts came from the client's estimate, not the server's usage. */
  usageEstimated: boolean
  /** What counted an estimate (the engine's /tokenize, or a named approximation); absent with usage. */
  tokenizer?: string
  /** Time to the first token of any kind: content, reasoning or tool call (vLLM's TTFT). */
  ttftMs: number
  /** Time to the first answer token (content or tool call), after any reasoning; absent when none came. */
  contentTtftMs?: number
  e2eMs: number
  /** Gaps between received chunks that carried tokens: per chunk, not per token (a chunk may hold several). */
  itlMs: number[]
  /** False when the server answered with one JSON body instead of a stream (absent in older runs: streamed). */
  streamed?: boolean
  /** Time the request waited in the client before it left (kept out of TTFT). */
  clientQueueMs: number
  /** The upstream that answered, as oac's router names it (`x-oac-upstream`); absent without the router. */
  upstream?: string
}

/** How one point of a sweep drives the endpoint. */
export interface LoadShape {
  /** Closed loop: this many requests in flight at most. Undefined: no cap. */
  maxConcurrency?: number
  /** Open loop: Poisson arrivals at this rate (req/s); Infinity sends all at once (bounded by maxConcurrency). */
  requestRate: number
}

/** Service-level objectives for goodput, in ms. */
export interface Slo {
  ttft?: number
  tpot?: number
  e2el?: number
}
