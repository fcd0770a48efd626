import type {EvalReport} from './run-eval.js'

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
/** A rate over zero calls is not 100%: it is unknown. */
const pctOrNa = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : pct(x))

/** The eval result for people: one line per category, the overall figures, and the first failures with reasons. */
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
  lines.push(
    '',
    `  accuracy ${pct(o.accuracy)} · parseable ${pctOrNa(o.parseable_rate)} · schema-valid ${pctOrNa(o.schema_valid_rate)} · right function ${pct(o.right_function_rate)}`,
    `  ${o.calls_made} calls in ${o.answers_with_calls} answers; ${o.plain_text_answers} plain-text answers where a call was wanted`,
  )
  if (o.warning) lines.push(`  Warning: ${o.warning}`)
  if (o.pass_hat_k !== undefined) lines.push(`  pass^${o.k} ${pct(o.pass_hat_k)} · flaky ${pct(o.flakiness ?? 0)}`)
  if (o.retry_attempted !== undefined)
    lines.push(`  retried after an error: ${o.retry_attempted}, recovered: ${o.retry_recovered}`)
  if (o.request_errors) lines.push(`  requests that failed (not model answers): ${o.request_errors}`)
  lines.push(
    `  mean latency ${o.mean_latency_ms.toFixed(0)} ms · ${o.prompt_tokens} prompt + ${o.completion_tokens} completion tokens`,
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
