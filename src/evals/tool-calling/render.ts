import type {EvalReport} from './run-eval.js'

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
/** A rate over zero answers is not 0% or 100%: it is unknown. */
const pctOrNa = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : pct(x))
/** `12/25 (48.0%)`, or `n/a (0 attempts)` when nothing was measured. */
const ratio = (n: number, d: number, what: string) => (d ? `${n}/${d} (${pct(n / d)})` : `n/a (0 ${what})`)

/** The eval result for people: one line per category, the overall figures with their denominators, the first failures. */
export function renderEval(r: EvalReport, maxFailures = 15): string {
  const o = r.overall
  const lines = [
    `Tool calling: ${r.model} (${r.mode} mode), ${o.cases} cases, ${o.attempts} attempts`,
    '',
    '  category              passed    total   accuracy',
  ]
  for (const [name, c] of Object.entries(r.categories))
    lines.push(
      `  ${name.padEnd(20)}${String(c.passed).padStart(8)}${String(c.total).padStart(9)}${pct(c.accuracy).padStart(11)}`,
    )
  const calling = `of ${o.answers_with_calls} answers that made calls`
  lines.push(
    '',
    `  accuracy ${ratio(o.passed, o.attempts, 'attempts')} of first answers, arguments as sent · accurate after repair ${ratio(o.passed_after_repair, o.attempts, 'attempts')}`,
    `  parseable ${pctOrNa(o.parseable_rate)} and schema-valid ${pctOrNa(o.schema_valid_rate)} ${calling} · right function ${pctOrNa(o.right_function_rate)} of ${o.answered} answered requests`,
    `  ${o.calls_made} calls in ${o.answers_with_calls} answers; ${o.plain_text_answers} plain-text answers where a call was wanted`,
  )
  if (o.repaired_answers) lines.push(`  ${o.repaired_answers} answers had arguments that are not JSON as sent`)
  if (o.cut_replies)
    lines.push(`  ${o.cut_replies} answers cut at max_tokens (finish_reason length), counted as failures`)
  if (o.warning) lines.push(`  Warning: ${o.warning}`)
  if (o.k !== undefined)
    lines.push(
      `  pass^${o.k} ${pctOrNa(o.pass_hat_k)} · flaky ${pctOrNa(o.flakiness)} (of ${o.complete_groups ?? 0} cases with all ${o.k} attempts finished)`,
    )
  if (o.retry_attempted !== undefined)
    lines.push(
      `  after feedback: ${ratio(o.passed_with_retries ?? 0, o.attempts, 'attempts')} right first or after an error was fed back; recovered ${o.retry_recovered} of ${o.retry_attempted} retried (not the headline)`,
    )
  if (o.request_errors)
    lines.push(`  requests that failed (not model answers, counted as failures): ${o.request_errors}`)
  lines.push(
    `  mean latency ${o.mean_latency_ms === null ? 'n/a' : `${o.mean_latency_ms.toFixed(0)} ms`} · ${o.prompt_tokens} prompt + ${o.completion_tokens} completion tokens${o.tokens_estimated ? ' (estimated: no usage from server)' : ''}`,
  )
  if (r.failures.length) {
    lines.push('', '  failures:')
    for (const f of r.failures.slice(0, maxFailures)) lines.push(`    ${f.id.padEnd(24)}${f.reason}`)
    if (r.failures.length > maxFailures)
      lines.push(`    … and ${r.failures.length - maxFailures} more (--json lists all)`)
  }
  lines.push('', r.runId !== undefined ? `saved as run ${r.runId} (${r.status})` : `not saved (${r.status})`)
  return lines.join('\n')
}
