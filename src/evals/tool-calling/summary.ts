import {z} from 'zod'
import {lenient} from '../../util/lenient-schema.js'
import type {Attempt} from './runner.js'

// Reliability figures: per category and overall accuracy, parseable / schema-valid / right-function rates of the
// first answers, pass^k and flakiness with repeats, recovery with --retry-on-error, latency and tokens.

export const categorySummary = z.object({
  total: z.number(),
  passed: z.number(),
  accuracy: z.number(),
})
export type CategorySummary = z.infer<typeof categorySummary>

export const toolOverall = z.object({
  cases: z.number(),
  attempts: z.number(),
  accuracy: z.number(),
  /** Of the first answers that made calls (or a reply meant as one), those whose calls all parse; null: none did. */
  parseable_rate: z.number().nullable(),
  /** Of the same answers, those whose calls all match their tool's schema; null: none made a call. */
  schema_valid_rate: z.number().nullable(),
  right_function_rate: z.number(),
  /** Calls in all first answers, and the answers that made at least one. */
  calls_made: z.number(),
  answers_with_calls: z.number(),
  /** Answers with no call where the case wanted one: plain text instead of a tool call. */
  plain_text_answers: z.number(),
  /** Set when nearly every answer that should have called a tool was plain text: the figures say little then. */
  warning: z.string().optional(),
  /** Share of cases all of whose k attempts passed (with --repeat k > 1). */
  pass_hat_k: z.number().optional(),
  k: z.number().optional(),
  /** Share of cases with some attempts passing and some failing. */
  flakiness: z.number().optional(),
  /** With --retry-on-error: attempts that failed first and passed after feedback, of those retried. */
  retry_recovered: z.number().optional(),
  retry_attempted: z.number().optional(),
  request_errors: z.number(),
  mean_latency_ms: z.number(),
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
})

/** The stored summary of an `oac eval tool-calling` run (runs.summary), also the core of its `--json` output. */
export const toolCallingSummary = z.object({
  model: z.string(),
  mode: z.string(),
  overall: toolOverall,
  categories: z.record(z.string(), categorySummary),
  failures: z.array(z.object({id: z.string(), category: z.string(), reason: z.string()})),
})
export type EvalSummary = z.infer<typeof toolCallingSummary>

/** How readers (report, gate) see a stored summary: overall must be an object, any figure may be missing. */
export const storedToolCallingSummary = z.looseObject({
  overall: lenient(toolOverall),
  categories: z.record(z.string(), z.unknown()).optional().catch(undefined),
})
export const storedCategorySummary = lenient(categorySummary)

const rate = (n: number, d: number) => (d ? n / d : 0)
const rateOrNull = (n: number, d: number) => (d ? n / d : null)

// From this share of plain-text answers on cases that want a call, the run is about the endpoint, not the model.
const plainTextWarningShare = 0.9

function plainTextWarning(plain: number, wanted: number, mode: string): string | undefined {
  if (!wanted || plain / wanted < plainTextWarningShare) return undefined
  const where =
    mode === 'native'
      ? 'the engine may lack a tool-call parser (vLLM: --enable-auto-tool-choice --tool-call-parser NAME; llama.cpp: --jinja), or the endpoint is oac sim without a --script; try --mode text or constrained'
      : 'the endpoint may ignore the tool instructions (oac sim without a --script answers plain text)'
  return `${plain} of ${wanted} answers that should have called a tool were plain text: ${where}`
}

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
  // An unparseable reply (constrained mode) was meant as a call: it counts against the parse rate.
  const calling = answered.filter((a) => a.calls.length > 0 || a.reply !== undefined)
  const wanted = answered.filter((a) => a.expectsCall)
  const plain = wanted.filter((a) => a.calls.length === 0 && a.reply === undefined).length
  const warning = plainTextWarning(plain, wanted.length, mode)
  const overall: EvalSummary['overall'] = {
    cases: byCase.size,
    attempts: attempts.length,
    accuracy: rate(attempts.filter((a) => a.passed).length, attempts.length),
    parseable_rate: rateOrNull(calling.filter((a) => a.parseable).length, calling.length),
    schema_valid_rate: rateOrNull(calling.filter((a) => a.schemaValid).length, calling.length),
    right_function_rate: rate(answered.filter((a) => a.rightFunction).length, answered.length),
    calls_made: answered.reduce((s, a) => s + a.calls.length, 0),
    answers_with_calls: calling.length,
    plain_text_answers: plain,
    ...(warning ? {warning} : {}),
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
