import {z} from 'zod'
import {runScope} from '../store/run-scope.js'
import {perUpstream, upstreamFigures} from './per-upstream.js'
import {distribution} from './stats.js'
import type {RequestSample, Slo} from './types.js'

// vLLM `bench serve` figures from raw samples (vllm/benchmarks/serve.py, calculate_metrics):
// TTFT = time to the first token of any kind (content, reasoning or tool call), as vLLM counts it; content TTFT =
// time to the first answer token (content or tool call), beside it, since a reasoning model's first token is not its
// answer. TPOT = (E2E − TTFT) / (output tokens − 1) per request whose decode was observed: at least two chunks
// carrying tokens, arriving at different times (a reply flushed in one chunk says nothing about decode speed, so its
// TPOT is n/a, never ~0). ITL = every gap between received chunks that carried tokens: per chunk, not per token.
// Throughput over the benchmark duration; goodput = requests within all SLOs; achieved request rate = requests sent
// ÷ the time from the first send to the last (what the load generator managed, beside the rate asked).

export const benchMetrics = z.object({
  completed: z.number(),
  failed: z.number(),
  duration: z.number(),
  total_input_tokens: z.number(),
  total_output_tokens: z.number(),
  request_throughput: z.number(),
  output_throughput: z.number(),
  total_token_throughput: z.number(),
  request_goodput: z.number().optional(),
  mean_ttft_ms: z.number(),
  median_ttft_ms: z.number(),
  std_ttft_ms: z.number(),
  p90_ttft_ms: z.number(),
  p99_ttft_ms: z.number(),
  mean_tpot_ms: z.number().nullable(),
  median_tpot_ms: z.number().nullable(),
  std_tpot_ms: z.number().nullable(),
  p90_tpot_ms: z.number().nullable(),
  p99_tpot_ms: z.number().nullable(),
  mean_itl_ms: z.number().nullable(),
  median_itl_ms: z.number().nullable(),
  std_itl_ms: z.number().nullable(),
  p90_itl_ms: z.number().nullable(),
  p99_itl_ms: z.number().nullable(),
  /** Requests whose decode was observed: the TPOT figures' denominator (0: TPOT and decode speed are null, n/a). */
  decode_measured: z.number(),
  /** Requests answered with one JSON body instead of a stream: TTFT is then their whole time, and no ITL exists. */
  non_streamed: z.number(),
  mean_content_ttft_ms: z.number().nullable(),
  median_content_ttft_ms: z.number().nullable(),
  std_content_ttft_ms: z.number().nullable(),
  p90_content_ttft_ms: z.number().nullable(),
  p99_content_ttft_ms: z.number().nullable(),
  /** Requests sent per second from the first send to the last; null with fewer than two requests. */
  achieved_request_rate: z.number().nullable(),
  mean_e2el_ms: z.number(),
  median_e2el_ms: z.number(),
  std_e2el_ms: z.number(),
  p90_e2el_ms: z.number(),
  p99_e2el_ms: z.number(),
  /** Where output token counts came from: the server's usage, or estimated on each whole reply's text. */
  output_tokens_source: z.enum(['usage', 'estimated']),
  /** What counted the estimates: the engine's /tokenize, or a named approximation. */
  tokenizer: z.string().optional(),
  /** Requests whose prompt tokens per usage differ from what the dataset built by more than 1 token. */
  prompt_token_mismatches: z.number(),
  /** The errors of failed requests, grouped: message → count. */
  errors: z.record(z.string(), z.number()),
  /** Through oac's router: successful requests and latency per upstream that answered (absent elsewhere). */
  upstreams: z.record(z.string(), upstreamFigures).optional(),
})
export type BenchMetrics = z.infer<typeof benchMetrics>

type Prefix = 'ttft' | 'tpot' | 'itl' | 'e2el' | 'content_ttft'

function spread<P extends Prefix>(prefix: P, values: number[]) {
  const d = distribution(values)
  return {
    [`mean_${prefix}_ms`]: d.mean,
    [`median_${prefix}_ms`]: d.median,
    [`std_${prefix}_ms`]: d.std,
    [`p90_${prefix}_ms`]: d.p90,
    [`p99_${prefix}_ms`]: d.p99,
  } as Record<`${'mean' | 'median' | 'std' | 'p90' | 'p99'}_${P}_ms`, number>
}

/** Whether a request's decode was observed: a stream of two or more token chunks spread over time. */
export function decodeObserved(s: RequestSample): boolean {
  return s.streamed !== false && s.itlMs.length > 0 && s.itlMs.reduce((a, b) => a + b, 0) > 0
}

/** TPOT of one request (ms per token after the first), or undefined where it cannot be known. */
export function tpotOf(s: RequestSample): number | undefined {
  return s.outputTokens > 1 && decodeObserved(s) ? (s.e2eMs - s.ttftMs) / (s.outputTokens - 1) : undefined
}

/** Requests per second from the first send to the last. */
function achievedRate(samples: RequestSample[]): number | null {
  if (samples.length < 2) return null
  const sent = samples.map((s) => s.sentAt)
  const span = Math.max(...sent) - Math.min(...sent)
  return span > 0 ? (samples.length - 1) / span : null
}

/** The same, null where no request gave a value (no content token came). */
function spreadOrNull<P extends Prefix>(prefix: P, values: number[]) {
  const d = spread(prefix, values)
  return values.length ? d : (Object.fromEntries(Object.keys(d).map((k) => [k, null])) as {[K in keyof typeof d]: null})
}

/** One point of the sweep, with vLLM's field names. */
export const benchPoint = benchMetrics.extend({
  model: z.string(),
  endpoint: z.string(),
  max_concurrency: z.number().nullable(),
  request_rate: z.union([z.number(), z.literal('inf')]),
  num_prompts: z.number(),
  seed: z.number(),
  interrupted: z.boolean(),
  /** What the point measured: prompts of the dataset covered, failures, how tokens were counted. */
  scope: runScope,
})
export type BenchPoint = z.infer<typeof benchPoint>

/** Computes a point's figures; `duration` is the wall time of the point in seconds. */
export function computeMetrics(samples: RequestSample[], duration: number, slo?: Slo): BenchMetrics {
  const ok = samples.filter((s) => s.ok)
  const failed = samples.filter((s) => !s.ok)
  const input = ok.reduce((n, s) => n + s.promptTokens, 0)
  const output = ok.reduce((n, s) => n + s.outputTokens, 0)
  const tpots = ok.map(tpotOf).filter((v): v is number => v !== undefined)
  const contentTtfts = ok.map((s) => s.contentTtftMs).filter((v): v is number => v !== undefined)
  const tokenizers = [...new Set(ok.map((s) => s.tokenizer).filter((t): t is string => t !== undefined))]
  const errors: Record<string, number> = {}
  for (const f of failed) errors[f.error ?? 'unknown error'] = (errors[f.error ?? 'unknown error'] ?? 0) + 1
  const perSecond = (n: number) => (duration > 0 ? n / duration : 0)
  const metrics: BenchMetrics = {
    completed: ok.length,
    failed: failed.length,
    duration,
    total_input_tokens: input,
    total_output_tokens: output,
    request_throughput: perSecond(ok.length),
    output_throughput: perSecond(output),
    total_token_throughput: perSecond(input + output),
    ...spread(
      'ttft',
      ok.map((s) => s.ttftMs),
    ),
    ...spreadOrNull('tpot', tpots),
    ...spreadOrNull(
      'itl',
      ok.flatMap((s) => s.itlMs),
    ),
    decode_measured: tpots.length,
    non_streamed: ok.filter((s) => s.streamed === false).length,
    ...spreadOrNull('content_ttft', contentTtfts),
    achieved_request_rate: achievedRate(samples),
    ...spread(
      'e2el',
      ok.map((s) => s.e2eMs),
    ),
    output_tokens_source: ok.some((s) => s.usageEstimated) ? 'estimated' : 'usage',
    ...(tokenizers.length ? {tokenizer: tokenizers.join('; ')} : {}),
    prompt_token_mismatches: ok.filter(
      (s) => !s.usageEstimated && Math.abs(s.promptTokens - s.expectedPromptTokens) > 1,
    ).length,
    errors,
  }
  const upstreams = perUpstream(samples)
  if (upstreams) metrics.upstreams = upstreams
  if (slo && (slo.ttft !== undefined || slo.tpot !== undefined || slo.e2el !== undefined)) {
    const good = ok.filter(
      (s) =>
        (slo.ttft === undefined || s.ttftMs <= slo.ttft) &&
        // A reply whose decode was not observed does not meet a TPOT objective (unknown is not a pass), unless it
        // had a single token and nothing to decode.
        (slo.tpot === undefined || (tpotOf(s) ?? (s.outputTokens <= 1 ? 0 : Number.POSITIVE_INFINITY)) <= slo.tpot) &&
        (slo.e2el === undefined || s.e2eMs <= slo.e2el),
    )
    metrics.request_goodput = perSecond(good.length)
  }
  return metrics
}
