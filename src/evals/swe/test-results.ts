import {parse as parseYaml} from 'yaml'
import {parseGoTestJson, parseJestJson, parseMochaJson} from './report-json.js'
import {messageOf, set, type TestReport, type TestResult, type TestStatus} from './test-report.js'

export type {TestReport, TestResult, TestStatus} from './test-report.js'

// Per-test results from a test runner's report on stdout: TAP (node --test --test-reporter=tap, tap, ava --tap),
// JUnit XML (node --test-reporter=junit, vitest --reporter=junit, pytest --junitxml), the JSON of jest --json,
// vitest --reporter=json and mocha --reporter=json, `go test -json`, or the verbose report of Python's unittest
// (`python -m unittest -v`); the JSON ones are parsed in report-json.ts, the shape they all fill is test-report.ts.
// Pure functions.
//
// Statuses follow SWE-bench's status map (swebench/harness/constants: PASSED, FAILED, SKIPPED; ERROR and XFAIL fold
// into failed and passed): a name seen twice keeps its last status, as SWE-bench's log parsers overwrite
// `test_status_map[name]` line by line (swebench/harness/log_parsers/javascript.py, SWE-bench 7a21e05).

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
