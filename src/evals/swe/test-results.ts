import {parse as parseYaml} from 'yaml'

// Per-test results from a test runner's report on stdout: TAP (node --test --test-reporter=tap, tap, ava --tap),
// JUnit XML (node --test-reporter=junit, vitest --reporter=junit, pytest --junitxml), the JSON of jest --json,
// vitest --reporter=json and mocha --reporter=json, `go test -json`, or the verbose report of Python's unittest
// (`python -m unittest -v`). Pure functions.
//
// Statuses follow SWE-bench's status map (swebench/harness/constants: PASSED, FAILED, SKIPPED; ERROR and XFAIL fold
// into failed and passed): a name seen twice keeps its last status, as SWE-bench's log parsers overwrite
// `test_status_map[name]` line by line (swebench/harness/log_parsers/javascript.py, SWE-bench 7a21e05).

export type TestStatus = 'passed' | 'failed' | 'skipped'

export interface TestResult {
  status: TestStatus
  /** The failure's message (an assertion's text), when the report carries one. */
  message?: string
  /** Another name of a test listed under its main one (JUnit's bare `name` and `classname.name`). */
  alias?: true
  /**
   * Where the report puts the test, when it says: its file (jest, mocha), JUnit's classname (vitest: the file;
   * pytest: module.Class), the enclosing suite of a nested TAP subtest, the Go package, unittest's module.Class.
   * Tests of one group share their setup, fixtures and limits (`oac eval swe mine` drops a flaky test's group).
   */
  group?: string
}

/** Test id -> result, in report order. Nested TAP subtests are named `parent > child`. */
export type TestReport = Map<string, TestResult>

const TAP_LINE = /^( *)(not ok|ok)\b(?: +\d+)?(?: +-)? *(.*)$/

function tapName(raw: string): {name: string; skipped: boolean} {
  const directive = /\s+#\s*(SKIP|TODO)\b.*$/i.exec(raw)
  const name = (directive ? raw.slice(0, directive.index) : raw).replace(/\\([#\\])/g, '$1').trim()
  return {name, skipped: !!directive && /skip/i.test(directive[1] ?? '')}
}

/** The `error`/`message` of a TAP YAML diagnostic block, when it has one. */
function yamlMessage(lines: string[]): string | undefined {
  try {
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length))
    const doc = parseYaml(lines.map((l) => l.slice(indent)).join('\n')) as Record<string, unknown> | null
    const value = doc?.error ?? doc?.message
    if (typeof value === 'string') return value
    const nested = (value as {message?: unknown} | undefined)?.message
    return typeof nested === 'string' ? nested : undefined
  } catch {
    return undefined
  }
}

function set(report: TestReport, name: string, result: TestResult) {
  // Last wins, and a re-set name moves to the end so the report's order stays the order of the final statuses.
  report.delete(name)
  report.set(name, result)
}

/** Results of a TAP 13/14 stream. */
export function parseTap(text: string): TestReport | undefined {
  type Entry = [string, TestResult]
  const pending = new Map<number, Entry[]>()
  let last: TestResult | undefined
  let yaml: string[] | undefined
  let seen = false
  for (const line of text.split('\n')) {
    // A failure's YAML block (`---` .. `...`) may quote anything, lines starting with "ok" included.
    if (yaml) {
      if (line.trim() === '...') {
        const message = last && last.status === 'failed' ? yamlMessage(yaml) : undefined
        if (last && message) last.message = message
        yaml = undefined
      } else yaml.push(line)
      continue
    }
    if (line.trim() === '---') {
      yaml = []
      continue
    }
    const m = TAP_LINE.exec(line)
    if (!m) continue
    seen = true
    const depth = (m[1] ?? '').length
    const {name, skipped} = tapName(m[3] ?? '')
    const result: TestResult = {status: skipped ? 'skipped' : m[2] === 'ok' ? 'passed' : 'failed'}
    last = result
    const mine = pending.get(depth) ?? []
    for (const [d, list] of [...pending.entries()].filter(([d]) => d > depth)) {
      for (const [child, r] of list)
        mine.push([`${name} > ${child}`, {...r, group: r.group ? `${name} > ${r.group}` : name}])
      pending.delete(d)
    }
    mine.push([name, result])
    pending.set(depth, mine)
  }
  if (!seen) return undefined
  const report: TestReport = new Map()
  const all = [...pending.entries()].sort(([a], [b]) => a - b).flatMap(([, list]) => list)
  for (const [name, result] of all) set(report, name, result)
  return report
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return m?.[1] === undefined ? undefined : unescapeXml(m[1])
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, '&')
}

/**
 * Results of a JUnit XML report; each case is named `classname::name` (its main name, unique across files) and,
 * as aliases, `name` and `classname.name`.
 */
export function parseJunit(text: string): TestReport | undefined {
  if (!/<testsuites?[\s>]/.test(text) || !/<testcase[\s>]/.test(text)) return undefined
  const report: TestReport = new Map()
  const re = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const tag = m[1] ?? ''
    const body = m[3] ?? ''
    const name = attr(tag, 'name')
    if (name === undefined) continue
    const failure = /<(failure|error)\b([^>]*)>?/.exec(body)
    const result: TestResult = failure
      ? {status: 'failed', ...messageOf(attr(failure[2] ?? '', 'message'))}
      : /<skipped\b/.test(body)
        ? {status: 'skipped'}
        : attr(tag, 'failure') !== undefined
          ? {status: 'failed'}
          : {status: 'passed'}
    const classname = attr(tag, 'classname')
    if (!classname) {
      set(report, name, result)
      continue
    }
    result.group = classname
    set(report, `${classname}::${name}`, result)
    for (const id of [name, `${classname}.${name}`]) set(report, id, {...result, alias: true})
  }
  return report
}

const messageOf = (message: string | undefined) => (message ? {message} : {})
const groupOf = (group: string | undefined) => (group ? {group} : {})

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

// `test_name (module.Class.test_name) ... ok` (Python 3.11+) or `test_name (module.Class) ... ok` (earlier); a
// docstring may follow on its own line before the verdict. https://docs.python.org/3/library/unittest.html
const UNITTEST_LINE =
  /^(\w+) \(([\w.]+)\)(?:\n.*?)? \.\.\. (ok|FAIL|ERROR|skipped.*|expected failure|unexpected success)$/gm

/** Results of `python -m unittest -v`; ids are `module.Class.test_name`. */
export function parseUnittest(text: string): TestReport | undefined {
  const report: TestReport = new Map()
  for (const m of text.matchAll(UNITTEST_LINE)) {
    const [, name = '', where = '', verdict = ''] = m
    const id = where.endsWith(`.${name}`) ? where : `${where}.${name}`
    const status: TestStatus =
      verdict === 'ok' || verdict === 'expected failure'
        ? 'passed'
        : verdict.startsWith('skipped')
          ? 'skipped'
          : 'failed'
    set(report, id, {status, group: where.endsWith(`.${name}`) ? where.slice(0, -name.length - 1) : where})
  }
  return report.size ? report : undefined
}

/** Whichever report the output carries: JUnit XML and JSON first (they are unambiguous), then TAP, then unittest's. */
export function parseTestReport(text: string): TestReport | undefined {
  return (
    parseJunit(text) ??
    parseJestJson(text) ??
    parseMochaJson(text) ??
    parseGoTestJson(text) ??
    parseTap(text) ??
    parseUnittest(text)
  )
}
