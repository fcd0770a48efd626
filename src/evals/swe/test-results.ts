// Per-test verdicts from a test runner's report on stdout: TAP (node --test --test-reporter=tap, tap, pytest-tap),
// JUnit XML (node --test-reporter=junit, vitest --reporter=junit, pytest --junitxml), or the verbose report of
// Python's unittest (`python -m unittest -v`), which has neither. Pure functions.

/** Test id -> passed. Nested TAP subtests are named `parent > child`; JUnit cases `classname.name` and `name`. */
export type TestVerdicts = Map<string, boolean>

const TAP_LINE = /^( *)(not ok|ok)\b(?: +\d+)?(?: +-)? *(.*)$/

function tapName(raw: string): {name: string; skipped: boolean} {
  const directive = /\s+#\s*(SKIP|TODO)\b.*$/i.exec(raw)
  const name = (directive ? raw.slice(0, directive.index) : raw).replace(/\\([#\\])/g, '$1').trim()
  return {name, skipped: !!directive && /skip/i.test(directive[1] ?? '')}
}

/** Results of a TAP 13/14 stream; a skipped test counts as not passed (it did not show the behaviour). */
export function parseTap(text: string): TestVerdicts | undefined {
  const pending = new Map<number, [string, boolean][]>()
  let seen = false
  let inYaml = false
  for (const line of text.split('\n')) {
    // A failure's YAML block (`---` .. `...`) may quote anything, lines starting with "ok" included.
    if (line.trim() === '---') inYaml = true
    else if (line.trim() === '...') inYaml = false
    if (inYaml) continue
    const m = TAP_LINE.exec(line)
    if (!m) continue
    seen = true
    const depth = (m[1] ?? '').length
    const {name, skipped} = tapName(m[3] ?? '')
    const ok = m[2] === 'ok' && !skipped
    const children = [...pending.entries()].filter(([d]) => d > depth)
    const mine = pending.get(depth) ?? []
    for (const [d, list] of children) {
      for (const [child, passed] of list) mine.push([`${name} > ${child}`, passed])
      pending.delete(d)
    }
    mine.push([name, ok])
    pending.set(depth, mine)
  }
  if (!seen) return undefined
  const verdicts: TestVerdicts = new Map()
  const all = [...pending.entries()].sort(([a], [b]) => a - b).flatMap(([, list]) => list)
  for (const [name, ok] of all) verdicts.set(name, (verdicts.get(name) ?? true) && ok)
  return verdicts
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
    .replace(/&amp;/g, '&')
}

/** Results of a JUnit XML report (the first `<testsuites>`/`<testsuite>` document in the text). */
export function parseJunit(text: string): TestVerdicts | undefined {
  if (!/<testsuites?[\s>]/.test(text) || !/<testcase[\s>]/.test(text)) return undefined
  const verdicts: TestVerdicts = new Map()
  const re = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const tag = m[1] ?? ''
    const body = m[3] ?? ''
    const name = attr(tag, 'name')
    if (name === undefined) continue
    const ok = !/<(failure|error|skipped)\b/.test(body) && attr(tag, 'failure') === undefined
    const classname = attr(tag, 'classname')
    const ids = classname ? [name, `${classname}.${name}`, `${classname}::${name}`] : [name]
    for (const id of ids) verdicts.set(id, (verdicts.get(id) ?? true) && ok)
  }
  return verdicts
}

// `test_name (module.Class.test_name) ... ok` (Python 3.11+) or `test_name (module.Class) ... ok` (earlier); a
// docstring may follow on its own line before the verdict. https://docs.python.org/3/library/unittest.html
const UNITTEST_LINE =
  /^(\w+) \(([\w.]+)\)(?:\n.*?)? \.\.\. (ok|FAIL|ERROR|skipped.*|expected failure|unexpected success)$/gm

/** Results of `python -m unittest -v`; ids are `module.Class.test_name`. */
export function parseUnittest(text: string): TestVerdicts | undefined {
  const verdicts: TestVerdicts = new Map()
  for (const m of text.matchAll(UNITTEST_LINE)) {
    const [, name = '', where = '', verdict = ''] = m
    const id = where.endsWith(`.${name}`) ? where : `${where}.${name}`
    verdicts.set(id, verdict === 'ok' || verdict === 'expected failure')
  }
  return verdicts.size ? verdicts : undefined
}

/** Whichever report the output carries: JUnit XML first (it is unambiguous), then TAP, then unittest's. */
export function parseTestReport(text: string): TestVerdicts | undefined {
  return parseJunit(text) ?? parseTap(text) ?? parseUnittest(text)
}
