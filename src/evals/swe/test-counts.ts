// How many tests a runner says it ran (passed + failed; skipped and filtered-out tests do not count), read from the
// summary lines runners print. In `{test}` mode this is the proof that a per-test command ran something: mocha and
// jest both exit 0 when a filter matches no test. Pure.

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g')

const sum = (...values: (string | undefined)[]) => values.reduce((n, v) => n + (v ? Number(v) : 0), 0)

/** Each summary format, giving the tests run, or undefined when its line is absent. */
const FORMATS: ((text: string) => number | undefined)[] = [
  // TAP summaries (node --test-reporter=tap, tap): `# pass 3`, `# fail 1`.
  (t) => {
    const pass = /^# pass (\d+)$/m.exec(t)
    const fail = /^# fail (\d+)$/m.exec(t)
    return pass || fail ? sum(pass?.[1], fail?.[1]) : undefined
  },
  // node --test's spec reporter: `ℹ pass 3`, `ℹ fail 1`.
  (t) => {
    const pass = /^ℹ pass (\d+)$/m.exec(t)
    const fail = /^ℹ fail (\d+)$/m.exec(t)
    return pass || fail ? sum(pass?.[1], fail?.[1]) : undefined
  },
  // mocha: `  3 passing (12ms)`, `  1 failing`.
  (t) => {
    const pass = /^\s*(\d+) passing\b/m.exec(t)
    const fail = /^\s*(\d+) failing\b/m.exec(t)
    return pass || fail ? sum(pass?.[1], fail?.[1]) : undefined
  },
  // jest: `Tests:       1 failed, 4 skipped, 5 total`.
  (t) => {
    const line = /^Tests:\s+(.*\d+ total)$/m.exec(t)?.[1]
    return line === undefined ? undefined : sum(/(\d+) passed/.exec(line)?.[1], /(\d+) failed/.exec(line)?.[1])
  },
  // vitest: ` Tests  1 failed | 2 passed | 4 skipped (7)`.
  (t) => {
    const line = /^\s*Tests\s+(.*)\(\d+\)\s*$/m.exec(t)?.[1]
    return line === undefined ? undefined : sum(/(\d+) passed/.exec(line)?.[1], /(\d+) failed/.exec(line)?.[1])
  },
  // ava: `  2 tests passed`, `  1 test failed`.
  (t) => {
    const pass = /^\s*(\d+) tests? passed/m.exec(t)
    const fail = /^\s*(\d+) tests? failed/m.exec(t)
    return pass || fail ? sum(pass?.[1], fail?.[1]) : undefined
  },
  // pytest's last line: `==== 1 failed, 2 passed, 3 deselected in 0.12s ====`.
  (t) => {
    const line = /^=+ (.*) in [\d.]+s(?: \([^)]*\))? =+$/m.exec(t)?.[1]
    if (line === undefined) return undefined
    return sum(/(\d+) passed/.exec(line)?.[1], /(\d+) failed/.exec(line)?.[1], /(\d+) errors?/.exec(line)?.[1])
  },
  // unittest: `Ran 3 tests in 0.001s` then `OK (skipped=1)`.
  (t) => {
    const ran = /^Ran (\d+) tests? in /m.exec(t)
    return ran ? sum(ran[1]) - sum(/\bskipped=(\d+)/.exec(t)?.[1]) : undefined
  },
  // go test -v: `--- PASS: TestX`, `--- FAIL: TestX`.
  (t) => {
    const n = t.match(/^\s*--- (PASS|FAIL): /gm)?.length
    return n || undefined
  },
]

/** The number of tests the output says ran; undefined when it carries no summary oac knows. */
export function testsRun(output: string): number | undefined {
  const text = output.replace(ANSI, '')
  const counts = FORMATS.map((f) => f(text)).filter((n): n is number => n !== undefined)
  return counts.length ? Math.max(...counts) : undefined
}
