import type {Attempt} from './runner.js'

// Reliability figures: per category and overall accuracy, parseable / schema-valid / right-function rates of the
// first answers, pass^k and flakiness with repeats, recovery with --retry-on-error, latency and tokens.

export interface CategorySummary {
  total: number
  passed: number
  accuracy: number
}

export interface EvalSummary {
  model: string
  mode: string
  overall: {
    cases: number
    attempts: number
    accuracy: number
    parseable_rate: number
    schema_valid_rate: number
    right_function_rate: number
    /** Share of cases all of whose k attempts passed (with --repeat k > 1). */
    pass_hat_k?: number
    k?: number
    /** Share of cases with some attempts passing and some failing. */
    flakiness?: number
    /** With --retry-on-error: attempts that failed first and passed after feedback, of those retried. */
    retry_recovered?: number
    retry_attempted?: number
    request_errors: number
    mean_latency_ms: number
    prompt_tokens: number
    completion_tokens: number
  }
  categories: Record<string, CategorySummary>
  failures: {id: string; category: string; reason: string}[]
}

const rate = (n: number, d: number) => (d ? n / d : 0)

export function summarize(
  attempts: Attempt[],
  model: string,
  mode: string,
  repeat: number,
  retryOnError: number,
): EvalSummary {
  const categories: Record<string, CategorySummary> = {}
  for (const a of attempts) {
    const c = categories[a.category] ?? {total: 0, passed: 0, accuracy: 0}
    c.total++
    if (a.passed) c.passed++
    c.accuracy = rate(c.passed, c.total)
    categories[a.category] = c
  }
  const byCase = new Map<string, Attempt[]>()
  for (const a of attempts) byCase.set(a.id, [...(byCase.get(a.id) ?? []), a])
  const answered = attempts.filter((a) => !a.error)
  const overall: EvalSummary['overall'] = {
    cases: byCase.size,
    attempts: attempts.length,
    accuracy: rate(attempts.filter((a) => a.passed).length, attempts.length),
    parseable_rate: rate(answered.filter((a) => a.parseable).length, answered.length),
    schema_valid_rate: rate(answered.filter((a) => a.schemaValid).length, answered.length),
    right_function_rate: rate(answered.filter((a) => a.rightFunction).length, answered.length),
    request_errors: attempts.length - answered.length,
    mean_latency_ms: rate(
      answered.reduce((s, a) => s + a.latencyMs, 0),
      answered.length,
    ),
    prompt_tokens: attempts.reduce((s, a) => s + a.promptTokens, 0),
    completion_tokens: attempts.reduce((s, a) => s + a.completionTokens, 0),
  }
  if (repeat > 1) {
    const groups = [...byCase.values()]
    overall.k = repeat
    overall.pass_hat_k = rate(
      groups.filter((g) => g.length === repeat && g.every((a) => a.passed)).length,
      groups.length,
    )
    overall.flakiness = rate(
      groups.filter((g) => g.some((a) => a.passed) && g.some((a) => !a.passed)).length,
      groups.length,
    )
  }
  if (retryOnError > 0) {
    const retried = attempts.filter((a) => a.retries > 0)
    overall.retry_attempted = retried.length
    overall.retry_recovered = retried.filter((a) => a.recovered).length
  }
  const failures = attempts
    .filter((a) => !a.passed)
    .map((a) => ({id: a.id, category: a.category, reason: a.reason ?? 'failed'}))
  return {model, mode, overall, categories, failures}
}
