import {z} from 'zod'

// What a stored figure measured, beside the figure: every run kind (bench point, tool-calling eval, SWE eval, and
// any later kind) stores one `scope` in its summary, so that `oac gate` and `oac route pick` compare or rank only
// runs that measured the same thing, and a narrower run never stands in for the whole dataset.

/** TTFT as oac measures it (src/bench/metrics.ts): the first token of any kind, vLLM's definition. */
export const TTFT_DEFINITION = 'first token of any kind (content, reasoning or tool call)'

export const runScope = z.object({
  /** What was measured: `coding`, `random`, `sharegpt:FILE`, `suite` (tool calling), `bfcl:FILE`, `swe:suite`, `swe:FILE`… */
  dataset: z.string(),
  /** Items in the whole dataset; null when it has no fixed size (random prompts). */
  dataset_size: z.number().nullable(),
  /** Distinct items of the dataset that got an answer in this run (a failed request covers nothing). */
  covered: z.number(),
  /** How the run narrowed the dataset (`--category irrelevance --limit 3`); null: the whole dataset was asked for. */
  selection: z.string().nullable(),
  /** Requests (attempts, instances × repeat) made, and how many failed without an answer (HTTP error, harness error). */
  requests: z.number(),
  failed: z.number(),
  repeat: z.number(),
  /** Feedback rounds allowed after a fixable error (--retry-on-error); 0 for runs without. */
  retries: z.number(),
  /** Token counts from the server's usage, or estimated by the client (then `tokenizer` names what counted). */
  tokens: z.enum(['usage', 'estimated']),
  tokenizer: z.string().optional(),
  /** The TTFT definition, for runs that time first tokens. */
  ttft: z.string().optional(),
  /** Stopped before every request was made (Ctrl-C). */
  interrupted: z.boolean(),
})
export type RunScope = z.infer<typeof runScope>

/** Whether the run measured its whole dataset: nothing narrowed, nothing missing, nothing failed. */
export function coversDataset(s: RunScope): boolean {
  return s.selection === null && s.dataset_size !== null && s.covered >= s.dataset_size && !s.interrupted
}

/** The run's share of failed requests; null when it made none. */
export function failureRate(s: Pick<RunScope, 'requests' | 'failed'>): number | null {
  return s.requests ? s.failed / s.requests : null
}

/** `12 of 24 prompts of coding (--num-prompts 12)`: what a scope covered, for people. */
export function describeScope(s: RunScope): string {
  const size = s.dataset_size === null ? '' : ` of ${s.dataset_size}`
  const narrowed = s.selection ? `, ${s.selection}` : ''
  const failed = s.failed ? `, ${s.failed} of ${s.requests} requests failed` : ''
  return `${s.covered}${size} items of ${s.dataset}${narrowed}${failed}${s.interrupted ? ', interrupted' : ''}`
}

const shown = (v: unknown) => (v === null || v === undefined ? 'none' : String(v))

/**
 * How two scopes differ in what they measured, one `field before → after` per difference: other dataset, other
 * narrowing, repeats or retries, tokens counted another way, another TTFT definition. Failures and interruptions
 * are not listed: they are how a run went, gated as figures of their own; the number of requests asked for is a
 * run parameter (a --duration run makes as many as fit).
 */
export function scopeDifferences(before: RunScope, after: RunScope): string[] {
  const fields = ['dataset', 'dataset_size', 'selection', 'repeat', 'retries', 'tokens', 'tokenizer', 'ttft'] as const
  return fields
    .filter((f) => shown(before[f]) !== shown(after[f]))
    .map((f) => `${f} ${shown(before[f])} → ${shown(after[f])}`)
}

/** A stored scope, or undefined for runs stored before scopes were (or a damaged one). */
export function readScope(value: unknown): RunScope | undefined {
  const parsed = runScope.safeParse(value)
  return parsed.success ? parsed.data : undefined
}
