import {z} from 'zod'
import {distribution} from './stats.js'
import type {RequestSample, Slo} from './types.js'

// vLLM `bench serve` figures from raw samples (vllm/benchmarks/serve.py, calculate_metrics):
// TTFT = time to the first token; TPOT = (E2E − TTFT) / (output tokens − 1) per request with more than one token;
// ITL = every gap between received chunks; throughput over the benchmark duration; goodput = requests within all SLOs.

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
  mean_tpot_ms: z.number(),
  median_tpot_ms: z.number(),
  std_tpot_ms: z.number(),
  p90_tpot_ms: z.number(),
  p99_tpot_ms: z.number(),
  mean_itl_ms: z.number(),
  median_itl_ms: z.number(),
  std_itl_ms: z.number(),
  p90_itl_ms: z.number(),
  p99_itl_ms: z.number(),
  mean_e2el_ms: z.number(),
  median_e2el_ms: z.number(),
  std_e2el_ms: z.number(),
  p90_e2el_ms: z.number(),
  p99_e2el_ms: z.number(),
  /** Where output token counts came from: the server's usage, or the client's count of chunks (a fallback). */
  output_tokens_source: z.enum(['usage', 'estimated']),
  /** Requests whose prompt tokens per usage differ from what the dataset built by more than 1 token. */
  prompt_token_mismatches: z.number(),
  /** The errors of failed requests, grouped: message → count. */
  errors: z.record(z.string(), z.number()),
})
export type BenchMetrics = z.infer<typeof benchMetrics>

type Prefix = 'ttft' | 'tpot' | 'itl' | 'e2el'

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

export function tpotOf(s: RequestSample): number | undefined {
  return s.outputTokens > 1 ? (s.e2eMs - s.ttftMs) / (s.outputTokens - 1) : undefined
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
})
export type BenchPoint = z.infer<typeof benchPoint>

/** Computes a point's figures; `duration` is the wall time of the point in seconds. */
export function computeMetrics(samples: RequestSample[], duration: number, slo?: Slo): BenchMetrics {
  const ok = samples.filter((s) => s.ok)
  const failed = samples.filter((s) => !s.ok)
  const input = ok.reduce((n, s) => n + s.promptTokens, 0)
  const output = ok.reduce((n, s) => n + s.outputTokens, 0)
  const tpots = ok.map(tpotOf).filter((v): v is number => v !== undefined)
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
    ...spread('tpot', tpots),
    ...spread(
      'itl',
      ok.flatMap((s) => s.itlMs),
    ),
    ...spread(
      'e2el',
      ok.map((s) => s.e2eMs),
    ),
    output_tokens_source: ok.some((s) => s.usageEstimated) ? 'estimated' : 'usage',
    prompt_token_mismatches: ok.filter(
      (s) => !s.usageEstimated && Math.abs(s.promptTokens - s.expectedPromptTokens) > 1,
    ).length,
    errors,
  }
  if (slo && (slo.ttft !== undefined || slo.tpot !== undefined || slo.e2el !== undefined)) {
    const good = ok.filter(
      (s) =>
        (slo.ttft === undefined || s.ttftMs <= slo.ttft) &&
        (slo.tpot === undefined || (tpotOf(s) ?? 0) <= slo.tpot) &&
        (slo.e2el === undefined || s.e2eMs <= slo.e2el),
    )
    metrics.request_goodput = perSecond(good.length)
  }
  return metrics
}
