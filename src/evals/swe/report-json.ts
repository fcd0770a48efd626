import {groupOf, messageOf, set, type TestReport, type TestStatus} from './test-report.js'

// Per-test results from the JSON reports: jest --json (vitest --reporter=json writes the same shape), mocha
// --reporter json, and go test -json. Pure; statuses and duplicate names as in test-results.ts.

const JEST_STATUS: Record<string, TestStatus> = {
  passed: 'passed',
  failed: 'failed',
  pending: 'skipped',
  skipped: 'skipped',
  todo: 'skipped',
  disabled: 'skipped',
}

/** The end (exclusive) of the JSON value that opens at `at`, found by matching braces outside strings. */
function jsonEnd(text: string, at: number): number | undefined {
  let depth = 0
  let inString = false
  for (let i = at; i < text.length; i++) {
    const ch = text[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
    } else if (ch === '"') inString = true
    else if (ch === '{' || ch === '[') depth++
    else if (ch === '}' || ch === ']') {
      depth--
      if (depth === 0) return i + 1
    }
  }
  return undefined
}

/** The first JSON object on its own lines in `text` that has `key` at its top level (runners mix in other logs). */
function jsonWith(text: string, key: string): Record<string, unknown> | undefined {
  for (const m of text.matchAll(/^\{/gm)) {
    const end = jsonEnd(text, m.index)
    if (end === undefined) continue
    try {
      const value = JSON.parse(text.slice(m.index, end)) as unknown
      if (value && typeof value === 'object' && key in value) return value as Record<string, unknown>
    } catch {}
  }
  return undefined
}

/**
 * Results of jest's `--json` (vitest's `--reporter=json` writes the same shape): one case per assertion result,
 * named by its fullName (describe titles and the test title joined by spaces, as jest prints them).
 */
export function parseJestJson(text: string): TestReport | undefined {
  const doc = jsonWith(text, 'testResults') as {testResults?: unknown} | undefined
  if (!doc || !Array.isArray(doc.testResults)) return undefined
  const report: TestReport = new Map()
  for (const file of doc.testResults as {name?: string; assertionResults?: unknown}[]) {
    const cases = Array.isArray(file.assertionResults) ? file.assertionResults : []
    for (const c of cases as {
      fullName?: string
      title?: string
      ancestorTitles?: string[]
      status?: string
      failureMessages?: string[]
    }[]) {
      const name = c.fullName ?? [...(c.ancestorTitles ?? []), c.title ?? ''].join(' ')
      const status = JEST_STATUS[c.status ?? ''] ?? 'failed'
      set(report, name, {
        status,
        ...messageOf(status === 'failed' ? c.failureMessages?.join('\n') : undefined),
        ...groupOf(file.name),
      })
    }
  }
  return report
}

/** Results of mocha's `--reporter json`: tests named by their full title (suite titles and the test's). */
export function parseMochaJson(text: string): TestReport | undefined {
  const doc = jsonWith(text, 'stats') as {tests?: unknown; pending?: unknown; failures?: unknown} | undefined
  if (!doc || !Array.isArray(doc.tests)) return undefined
  const report: TestReport = new Map()
  type MochaTest = {fullTitle?: string; title?: string; file?: string; err?: {message?: string}}
  const pending = new Set((Array.isArray(doc.pending) ? doc.pending : []).map((t: MochaTest) => t.fullTitle))
  for (const t of doc.tests as MochaTest[]) {
    const name = t.fullTitle ?? t.title ?? ''
    const failed = t.err && Object.keys(t.err).length > 0
    set(
      report,
      name,
      failed
        ? {status: 'failed', ...messageOf(t.err?.message), ...groupOf(t.file)}
        : {status: pending.has(t.fullTitle) ? 'skipped' : 'passed', ...groupOf(t.file)},
    )
  }
  for (const t of (Array.isArray(doc.failures) ? doc.failures : []) as MochaTest[]) {
    // Hook failures ("before all" hook for …) appear only under failures.
    const name = t.fullTitle ?? t.title ?? ''
    if (!report.has(name)) set(report, name, {status: 'failed', ...messageOf(t.err?.message), ...groupOf(t.file)})
  }
  return report
}

const GO_STATUS: Record<string, TestStatus | undefined> = {pass: 'passed', fail: 'failed', skip: 'skipped'}

/** Results of `go test -json` (https://pkg.go.dev/cmd/test2json): tests named `TestX` or `TestX/sub`. */
export function parseGoTestJson(text: string): TestReport | undefined {
  const report: TestReport = new Map()
  const output = new Map<string, string[]>()
  let seen = false
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue
    let e: {Action?: string; Package?: string; Test?: string; Output?: string}
    try {
      e = JSON.parse(line)
    } catch {
      continue
    }
    if (!e.Test || !e.Action) continue
    seen = true
    if (e.Action === 'output') output.set(e.Test, [...(output.get(e.Test) ?? []), e.Output ?? ''])
    const status = GO_STATUS[e.Action]
    if (!status) continue
    const message = status === 'failed' ? output.get(e.Test)?.join('').trim() : undefined
    set(report, e.Test, {status, ...messageOf(message), ...groupOf(e.Package)})
  }
  return seen ? report : undefined
}
