import {accessSync, constants, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {UsageError} from '../errors.js'
import {makeDir} from '../make-dir.js'
import type {BenchPoint} from './metrics.js'
import type {RequestSample} from './types.js'

// One sweep point as the flat JSON file `vllm bench serve --save-result` writes, so scripts written for vLLM's
// files read oac's unchanged. Layout and names from vllm-project/vllm, vllm/benchmarks/serve.py (`main`: date,
// endpoint_type, backend, label, model_id, tokenizer_id, num_prompts, request_rate, burstiness, max_concurrency,
// then the `benchmark()` result; the per-request lists only with --save-detailed; the file name
// `{label or backend}-{request_rate}qps[-concurrency{N}]-{model base name}-{date}.json`). oac sends chat
// completions, which vLLM calls the `openai-chat` backend; its statistics are those of
// `--percentile-metrics ttft,tpot,itl,e2el --metric-percentiles 90,99`. Per-request times are in seconds, as vLLM
// stores them; generated texts are not kept by oac, so `generated_texts` is left out rather than filled with blanks.

export interface VllmResultOptions {
  dir?: string
  filename?: string
  /** Add the per-request lists (input_lens, output_lens, ttfts, itls, errors), vLLM's --save-detailed. */
  detailed: boolean
}

const BACKEND = 'openai-chat'
/** Poisson arrivals: vLLM's gamma-distributed gaps with burstiness 1. */
const BURSTINESS = 1.0

const pad = (n: number) => String(n).padStart(2, '0')
/** vLLM's `datetime.now().strftime("%Y%m%d-%H%M%S")` (local time). */
export const vllmDate = (d: Date) =>
  `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`

/** Python's str() of the float request rate: 4 → "4.0", inf → "inf". */
const pyRate = (r: number | 'inf') => (r === 'inf' ? 'inf' : Number.isInteger(r) ? `${r}.0` : String(r))

const STATS = ['ttft', 'tpot', 'itl', 'e2el'] as const

export function vllmResult(
  point: BenchPoint,
  samples: RequestSample[],
  date: Date,
  detailed: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    date: vllmDate(date),
    endpoint_type: BACKEND,
    backend: BACKEND,
    label: null,
    model_id: point.model,
    tokenizer_id: point.model,
    num_prompts: point.num_prompts,
    request_rate: point.request_rate,
    burstiness: BURSTINESS,
    max_concurrency: point.max_concurrency,
    duration: point.duration,
    completed: point.completed,
    failed: point.failed,
    total_input_tokens: point.total_input_tokens,
    total_output_tokens: point.total_output_tokens,
    request_throughput: point.request_throughput,
    request_goodput: point.request_goodput ?? null,
    output_throughput: point.output_throughput,
    total_token_throughput: point.total_token_throughput,
  }
  if (detailed) {
    const ordered = [...samples].sort((a, b) => a.idx - b.idx)
    out.input_lens = ordered.map((s) => (s.ok ? s.promptTokens : s.expectedPromptTokens))
    out.output_lens = ordered.map((s) => (s.ok ? s.outputTokens : 0))
    out.ttfts = ordered.map((s) => (s.ok ? s.ttftMs / 1000 : 0))
    out.itls = ordered.map((s) => (s.ok ? s.itlMs.map((ms) => ms / 1000) : []))
    out.errors = ordered.map((s) => (s.ok ? '' : (s.error ?? 'unknown error')))
  }
  const p = point as unknown as Record<string, number>
  for (const m of STATS)
    for (const stat of ['mean', 'median', 'std', 'p90', 'p99']) out[`${stat}_${m}_ms`] = p[`${stat}_${m}_ms`]
  return out
}

/** vLLM's default file name for a point. */
export function vllmFileName(point: BenchPoint, date: Date): string {
  const base = point.model.split('/').pop() ?? point.model
  const concurrency = point.max_concurrency !== null ? `-concurrency${point.max_concurrency}` : ''
  return `${BACKEND}-${pyRate(point.request_rate)}qps${concurrency}-${base}-${vllmDate(date)}.json`
}

/** Fails early (before any request) when the result folder cannot be created or written. */
export function checkResultDir(dir: string): void {
  try {
    makeDir(dir)
    accessSync(dir, constants.W_OK)
  } catch (error) {
    throw new UsageError(`Cannot write results to --result-dir \`${dir}\`: ${(error as Error).message}`)
  }
}

/**
 * Writes one point's file and returns its path. With --result-filename and several points, the point's number is
 * added before the extension (`F-2.json`), since vLLM runs one point per invocation and oac sweeps.
 */
export function saveVllmResult(
  o: VllmResultOptions,
  point: BenchPoint,
  samples: RequestSample[],
  index: number,
  points: number,
  date = new Date(),
): string {
  let name = o.filename ?? vllmFileName(point, date)
  if (o.filename && points > 1) name = name.replace(/(\.json)?$/, `-${index + 1}$1`)
  const file = o.dir ? join(o.dir, name) : name
  writeFileSync(file, JSON.stringify(vllmResult(point, samples, date, o.detailed)))
  return file
}
