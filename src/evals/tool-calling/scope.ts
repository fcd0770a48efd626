import type {RunScope} from '../../store/run-scope.js'
import type {Attempt} from './runner.js'

// What a tool-calling run measured (src/store/run-scope.ts): the built-in suite or an imported BFCL file, how much
// of it (categories, --limit), repeats and feedback rounds, and request failures. An irrelevance-only run covers 25
// cases of the suite, not the suite: `oac route pick` and `oac gate` read that here.

export interface ToolScopeInput {
  /** `suite`, or `bfcl:QUESTIONS` for an imported file. */
  dataset: string
  /** Cases in the whole suite or file, before any narrowing. */
  size: number
  categories?: string[]
  limit?: number
  repeat: number
  retryOnError: number
  attempts: Attempt[]
  interrupted: boolean
  tokenizer?: string
}

/** `--category irrelevance --limit 3`, or null when the whole suite or file was asked for. */
export function toolSelection(o: Pick<ToolScopeInput, 'categories' | 'limit'>): string | null {
  const parts = [
    ...(o.categories?.length ? [`--category ${o.categories.join(',')}`] : []),
    ...(o.limit ? [`--limit ${o.limit}`] : []),
  ]
  return parts.length ? parts.join(' ') : null
}

function tokenSource(o: ToolScopeInput): Pick<RunScope, 'tokens' | 'tokenizer'> {
  if (!o.attempts.some((a) => a.tokensEstimated)) return {tokens: 'usage'}
  return {tokens: 'estimated', ...(o.tokenizer ? {tokenizer: o.tokenizer} : {})}
}

export function toolScope(o: ToolScopeInput): RunScope {
  const answered = o.attempts.filter((a) => !a.error)
  return {
    dataset: o.dataset,
    dataset_size: o.size,
    covered: new Set(answered.map((a) => a.id)).size,
    selection: toolSelection(o),
    requests: o.attempts.length,
    failed: o.attempts.length - answered.length,
    repeat: o.repeat,
    retries: o.retryOnError,
    ...tokenSource(o),
    interrupted: o.interrupted,
  }
}
