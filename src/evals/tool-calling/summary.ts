import {z} from 'zod'
import {runScope} from '../../store/run-scope.js'
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
  /** First answers that passed as sent: the headline, over every attempt (a failed request counts as a failure). */
  passed: z.number(),
  /** passed / attempts; null when no attempt finished (an interrupted run measured nothing). */
  accuracy: z.number().nullable(),
  /** First answers that pass once near-JSON arguments are repaired (jsonrepair, as the agent does), over attempts. */
  passed_after_repair: z.number(),
  accuracy_after_repair: z.number().nullable(),
  /** First answers whose arguments were not JSON as sent but parsed after repair. */
  repaired_answers: z.number(),
  /** First answers the server cut at max_tokens (finish_reason `length`): failures, whatever they held. */
  cut_replies: z.number(),
  /** Of the first answers that made calls (or a reply meant as one), those whose calls all parse as sent; null: none did. */
  parseable_rate: z.number().nullable(),
  /** Of the same answers, those whose calls all match their tool's schema; null: none made a call. */
  schema_valid_rate: z.number().nullable(),
  /** Requests that got an answer (attempts less request errors): the denominator of right_function_rate. */
  answered: z.number(),
  /** Of the answered requests, those whose called functions are the expected ones; null: none answered. */
  right_function_rate: z.number().nullable(),
  /** Calls in all first answers, and the answers that made at least one. */
  calls_made: z.number(),
  answers_with_calls: z.number(),
  /** Answers with no call where the case wanted one: plain text instead of a tool call. */
  plain_text_answers: z.number(),
  /** Set when nearly every answer that should have called a tool was plain text: the figures say little then. */
  warning: z.string().optional(),
  /** Share of the cases with all k attempts finished whose k attempts all passed (with --repeat k > 1). */
  pass_hat_k: z.number().nullable().optional(),
  k: z.number().optional(),
  /** Cases whose k attempts all finished: the denominator of pass_hat_k and flakiness (an interrupted run has fewer). */
  complete_groups: z.number().optional(),
  /** Share of those cases with some attempts passing and some failing. */
  flakiness: z.number().nullable().optional(),
  /** With --retry-on-error: attempts that failed first and passed after feedback, of those retried. */
  retry_recovered: z.number().optional(),
  retry_attempted: z.number().optional(),
  /** With --retry-on-error: attempts right first or after feedback, over attempts; never the headline. */
  passed_with_retries: z.number().optional(),
  accuracy_with_retries: z.number().nullable().optional(),
  request_errors: z.number(),
  mean_latency_ms: z.number().nullable(),
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  /** Token counts came from the server's usage, or were estimated (then see the run's scope for the tokenizer). */
  tokens_estimated: z.boolean(),
})

/** The stored summary of an `oac eval tool-calling` run (runs.summary), also the core of its `--json` output. */
export const toolCallingSummary = z.object({
  model: z.string(),
  mode: z.string(),
  overall: toolOverall,
  categories: z.record(z.string(), categorySummary),
  failures: z.array(z.object({id: z.string(), category: z.string(), reason: z.string()})),
  /** What the run measured: suite or file, how much of it, repeats, retries, failures, how tokens were counted. */
  scope: runScope.optional(),
})
export type EvalSummary = z.infer<typeof toolCallingSummary>

/** How readers (report, gate) see a stored summary: overall must be an object, any figure may be missing. */
export const storedToolCallingSummary = z.looseObject({
  overall: lenient(toolOverall),
  categories: z.record(z.string(), z.unknown()).optional().catch(undefined),
})
export const storedCategorySummary = lenient(categorySummary)

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
    c.accuracy = c.passed / c.total
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
  const passed = attempts.filter((a) => a.passed).length
  const afterRepair = attempts.filter((a) => a.passedAfterRepair).length
  const overall: EvalSummary['overall'] = {
    cases: byCase.size,
    attempts: attempts.length,
    passed,
    accuracy: rateOrNull(passed, attempts.length),
    passed_after_repair: afterRepair,
    accuracy_after_repair: rateOrNull(afterRepair, attempts.length),
    repaired_answers: attempts.filter((a) => a.repaired).length,
    cut_replies: attempts.filter((a) => a.cut).length,
    parseable_rate: rateOrNull(calling.filter((a) => a.parseable).length, calling.length),
    schema_valid_rate: rateOrNull(calling.filter((a) => a.schemaValid).length, calling.length),
    answered: answered.length,
    right_function_rate: rateOrNull(answered.filter((a) => a.rightFunction).length, answered.length),
    calls_made: answered.reduce((s, a) => s + a.calls.length, 0),
    answers_with_calls: calling.length,
    plain_text_answers: plain,
    ...(warning ? {warning} : {}),
    request_errors: attempts.length - answered.length,
    mean_latency_ms: rateOrNull(
      answered.reduce((s, a) => s + a.latencyMs, 0),
      answered.length,
    ),
    prompt_tokens: attempts.reduce((s, a) => s + a.promptTokens, 0),
    completion_tokens: attempts.reduce((s, a) => s + a.completionTokens, 0),
    tokens_estimated: attempts.some((a) => a.tokensEstimated),
  }
  if (repeat > 1) {
    // A case interrupted before its k attempts finished is neither passed k times nor flaky: it is left out.
    const groups = [...byCase.values()].filter((g) => g.length === repeat)
    overall.k = repeat
    overall.complete_groups = groups.length
    overall.pass_hat_k = rateOrNull(groups.filter((g) => g.every((a) => a.passed)).length, groups.length)
    overall.flakiness = rateOrNull(
      groups.filter((g) => g.some((a) => a.passed) && g.some((a) => !a.passed)).length,
      groups.length,
    )
  }
  if (retryOnError > 0) {
    const retried = attempts.filter((a) => a.retries > 0)
    overall.retry_attempted = retried.length
    overall.retry_recovered = retried.filter((a) => a.recovered).length
    overall.passed_with_retries = attempts.filter((a) => a.passed || a.recovered).length
    overall.accuracy_with_retries = rateOrNull(overall.passed_with_retries, attempts.length)
  }
  const failures = attempts
    .filter((a) => !a.passed)
    .map((a) => ({
      id: a.id,
      category: a.category,
      reason: `${a.reason ?? 'failed'}${a.recovered ? ' (right after feedback)' : ''}`,
    }))
  return {model, mode, overall, categories, failures}
}
