import {type RunScope, TTFT_DEFINITION} from '../store/run-scope.js'
import type {RequestSample} from './types.js'

// What one point of a sweep measured (src/store/run-scope.ts): which prompts of the dataset got an answer, how many
// requests failed, and how its tokens were counted. Prompt i of a point is prompt (warmup + i) mod size of a fixed
// dataset, so a run of 4 prompts of the 24-prompt coding set covers 4 of them, never "the coding set".

export interface PointScopeInput {
  dataset: string
  /** Prompts in the dataset; null for random prompts. */
  size: number | null
  /** Warm-up requests sent before the measured ones (they take the first prompts). */
  warmup: number
  samples: RequestSample[]
  interrupted: boolean
}

export function pointScope(o: PointScopeInput): RunScope {
  const ok = o.samples.filter((s) => s.ok)
  const size = o.size
  const covered = size === null ? ok.length : new Set(ok.map((s) => (o.warmup + s.idx) % size)).size
  const tokenizers = [...new Set(ok.map((s) => s.tokenizer).filter((t): t is string => t !== undefined))]
  return {
    dataset: o.dataset,
    dataset_size: size,
    covered,
    selection: null,
    requests: o.samples.length,
    failed: o.samples.length - ok.length,
    repeat: 1,
    retries: 0,
    tokens: ok.some((s) => s.usageEstimated) ? 'estimated' : 'usage',
    ...(tokenizers.length ? {tokenizer: tokenizers.join('; ')} : {}),
    ttft: TTFT_DEFINITION,
    interrupted: o.interrupted,
  }
}
