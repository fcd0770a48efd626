import {checkName, formatChange, formatLimit, formatValue} from './format.js'
import type {GateResult} from './types.js'

// The gate's reports: a table for the terminal, JUnit XML for CI test panels, Markdown for a PR comment.

const label = {pass: 'PASS', fail: 'FAIL', error: 'ERROR'} as const

function rows(result: GateResult): string[][] {
  return result.checks.map((c) => [
    c.estimated ? `${c.metric} (estimated)` : c.metric,
    c.point ?? 'overall',
    formatValue(c.baseline),
    formatValue(c.current),
    formatChange(c),
    formatLimit(c),
    c.ok ? 'ok' : 'REGRESSION',
  ])
}

const headers = ['metric', 'point', 'baseline', 'current', 'change', 'limit', 'result']

/** A plain table for the terminal, then (unless `verdict` is false) the verdict. */
export function renderTable(result: GateResult, verdict = true): string {
  const lines: string[] = []
  if (result.checks.length) {
    const all = [headers, ...rows(result)]
    const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)))
    const numeric = new Set([2, 3, 4])
    const line = (r: string[]) =>
      r
        .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd()
    lines.push(line(headers), ...all.slice(1).map(line))
  }
  if (verdict) lines.push(...(lines.length ? [''] : []), `${label[result.status]}: ${result.reason}`)
  return lines.join('\n')
}

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({'<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;'})[c] ?? c,
  )
}

/** JUnit XML: one testcase per check, a failure per regression; when the gate cannot compare, one errored case. */
export function renderJunit(result: GateResult, suite = 'oac gate'): string {
  const attr = (value: string | number) => `"${escapeXml(String(value))}"`
  const failures = result.checks.filter((c) => !c.ok).length
  const errors = result.status === 'error' ? 1 : 0
  const tests = result.checks.length + errors
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name=${attr(suite)} tests=${attr(tests)} failures=${attr(failures)} errors=${attr(errors)}>`,
    `  <testsuite name=${attr(suite)} tests=${attr(tests)} failures=${attr(failures)} errors=${attr(errors)}>`,
  ]
  for (const c of result.checks) {
    const name = attr(checkName(c))
    const detail = `baseline ${formatValue(c.baseline)}, current ${formatValue(c.current)}, change ${formatChange(c)}, limit ${formatLimit(c)}`
    if (c.ok) out.push(`    <testcase classname=${attr(`oac.gate.${c.metric}`)} name=${name}/>`)
    else
      out.push(
        `    <testcase classname=${attr(`oac.gate.${c.metric}`)} name=${name}>`,
        `      <failure message=${attr(`regression: ${detail}`)} type="regression">${escapeXml(detail)}</failure>`,
        '    </testcase>',
      )
  }
  if (errors)
    out.push(
      `    <testcase classname="oac.gate" name="compare">`,
      `      <error message=${attr(result.reason)} type="cannot-compare">${escapeXml(result.reason)}</error>`,
      '    </testcase>',
    )
  out.push('  </testsuite>', '</testsuites>', '')
  return out.join('\n')
}

function escapeMarkdown(text: string): string {
  return text.replace(/[|\\]/g, (c) => `\\${c}`).replace(/</g, '&lt;')
}

const icon = {pass: '✅', fail: '❌', error: '⚠️'} as const

/** A Markdown summary for a PR comment: the verdict, then a table of the checks. */
export function renderMarkdown(result: GateResult, title = 'oac gate'): string {
  const lines = [`### ${icon[result.status]} ${title}: ${label[result.status]}`, '', escapeMarkdown(result.reason), '']
  if (result.checks.length) {
    lines.push('| Metric | Point | Baseline | Current | Change | Limit | Result |', '|---|---|--:|--:|--:|--:|:-:|')
    for (const r of rows(result)) {
      const cells = r.map(escapeMarkdown)
      cells[6] = r[6] === 'ok' ? '✅' : '❌ regression'
      lines.push(`| ${cells.join(' | ')} |`)
    }
    lines.push('')
  }
  return lines.join('\n')
}
