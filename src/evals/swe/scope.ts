import type {RunScope} from '../../store/run-scope.js'
import type {AttemptResult} from './result.js'

// What an SWE run measured (src/store/run-scope.ts): which instances of its dataset (the shipped suite or a file),
// with how many attempts each, and how many attempts ended in a harness error rather than a verdict. A `--limit 1`
// run covers one instance of thirty: `oac route pick` does not read it as the suite's resolved rate.

export interface SweScopeInput {
  /** The dataset file, or undefined for the shipped suite. */
  dataset?: string
  /** Instances in the whole dataset. */
  size: number
  /** Instances this run set out to do (after --instances / --limit). */
  picked: number
  repeat: number
  attempts: AttemptResult[]
  interrupted: boolean
}

export function sweScope(o: SweScopeInput): RunScope {
  const judged = o.attempts.filter((a) => a.status !== 'error')
  return {
    dataset: o.dataset ? `swe:${o.dataset}` : 'swe:suite',
    dataset_size: o.size,
    covered: new Set(judged.map((a) => a.instance_id)).size,
    selection: o.picked < o.size ? `${o.picked} of ${o.size} instances (--instances or --limit)` : null,
    requests: o.attempts.length,
    failed: o.attempts.length - judged.length,
    repeat: o.repeat,
    retries: 0,
    // The resolved rate does not depend on token counts; agents report theirs as they have them.
    tokens: 'usage',
    interrupted: o.interrupted,
  }
}
