import type {EngineFlavor} from '../http/backend.js'

// Settings of `oac sim`; every number a user can set is here with its default.

export interface SimOptions {
  host: string
  port: number
  /** Required from clients on every route but /health (Authorization: Bearer or x-api-key). */
  apiKey?: string
  /** Model ids served; the first is the default. */
  models: string[]
  /** Fixed part of time to first token, from admission to the first token. */
  ttftMs: number
  /** Prefill speed: adds promptTokens / prefillTokS seconds to TTFT. 0 = instant prefill. */
  prefillTokS: number
  /** Inter-token latency of one sequence decoding alone. */
  itlMs: number
  /** Each gap is ITL ± uniform jitter. */
  jitterMs: number
  tokensPerChunk: number
  /** Sequences decoding at once; the rest wait in a queue (their wait shows in TTFT). */
  maxSeqs: number
  /** Decode slows with the batch: ITL × (1 + batchSlowdown × (running − 1)). */
  batchSlowdown: number
  /** Context window in tokens (prompt + completion). */
  context: number
  /** Over-long prompts: false → vLLM's 400, true → Ollama's silent front truncation. */
  truncate: boolean
  /** Completion length when the request sets no max_tokens and no script applies. */
  defaultMaxTokens: number
  seed: number
  script?: string
  /** JSONL file: one line per request as scripts see it (model, last messages, tools, whether a rule matched). */
  log?: string
  /** Which engine's extra routes and fields to imitate: vLLM (max_model_len), llama.cpp (/props), Ollama (/api/show). */
  flavor: EngineFlavor
}

export const SIM_DEFAULTS: SimOptions = {
  host: '127.0.0.1',
  port: 8000,
  models: ['sim-model'],
  ttftMs: 100,
  prefillTokS: 0,
  itlMs: 10,
  jitterMs: 0,
  tokensPerChunk: 1,
  maxSeqs: 256,
  batchSlowdown: 0,
  // Real clients ask for 32,000-128,000 output tokens (Claude Code 2.1 asks 128,000 with a ~11k-token prompt); a 32k
  // window rejected every first request. 262,144 is Qwen3-Coder's native context.
  context: 262144,
  truncate: false,
  defaultMaxTokens: 128,
  seed: 1,
  flavor: 'vllm',
}
