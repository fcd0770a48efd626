import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {describe, expect, it} from 'vitest'
import {parseGoTestJson, parseJestJson, parseMochaJson} from '../../../src/evals/swe/report-json.js'
import {testsRun} from '../../../src/evals/swe/test-counts.js'
import {
  parseJunit,
  parseTap,
  parseTestReport,
  parseUnittest,
  type TestReport,
} from '../../../src/evals/swe/test-results.js'

// Reports produced by the real runners at test time (node --test's TAP and JUnit reporters, Python's unittest -v),
// and captured from mocha 10, jest 29, vitest 1 and ava 6 (fixtures/swe/reports/: the same five tests in each: a
// pass, a failure whose name has parentheses, a skip, and two tests of the same name, the first failing).

const TESTS = `import {describe, test} from 'node:test'
test('adds # numbers', () => {})
test('fails', () => { throw new Error('ok 7 - not a result') })
describe('group', () => { test('inner ok', () => {}); test('inner bad', () => { throw new Error('x') }) })
test('skipped', {skip: true}, () => {})
`

const statuses = (r: TestReport | undefined) => Object.fromEntries([...(r ?? [])].map(([k, v]) => [k, v.status]))
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../../fixtures/swe/reports', name), 'utf8')

async function nodeReport(reporter: 'tap' | 'junit') {
  const dir = mkdtempSync(join(tmpdir(), 'oac-swe-report-'))
  writeFileSync(join(dir, 'a.test.mjs'), TESTS)
  const r = await execa(process.execPath, ['--test', `--test-reporter=${reporter}`, 'a.test.mjs'], {
    cwd: dir,
    reject: false,
  })
  return r.stdout
}

describe('test reports', () => {
  it('reads node --test TAP: nested names, escaped #, failures quoting "ok", skips', async () => {
    const v = parseTap(await nodeReport('tap'))
    expect(statuses(v)).toEqual({
      'adds # numbers': 'passed',
      fails: 'failed',
      group: 'failed',
      'group > inner ok': 'passed',
      'group > inner bad': 'failed',
      skipped: 'skipped',
    })
    expect(v?.get('fails')?.message).toBe('ok 7 - not a result')
  })

  it('reads node --test JUnit XML by name and by classname.name', async () => {
    const v = parseJunit(await nodeReport('junit'))
    expect(v?.get('adds # numbers')?.status).toBe('passed')
    expect(v?.get('fails')).toMatchObject({status: 'failed', message: 'ok 7 - not a result'})
    expect(v?.get('inner ok')?.status).toBe('passed')
    expect(v?.get('inner bad')?.status).toBe('failed')
    expect(v?.get('skipped')?.status).toBe('skipped')
  })

  it('reads python -m unittest -v, old and new id styles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oac-swe-unittest-'))
    writeFileSync(
      join(dir, 'test_m.py'),
      'import unittest\nclass T(unittest.TestCase):\n    def test_a(self):\n        pass\n    def test_b(self):\n        self.fail("no")\n',
    )
    const r = await execa('python3', ['-m', 'unittest', '-v', 'test_m'], {cwd: dir, reject: false})
    expect(statuses(parseUnittest(r.stderr))).toEqual({'test_m.T.test_a': 'passed', 'test_m.T.test_b': 'failed'})
    expect(parseUnittest('test_a (test_m.T) ... ok\ntest_c (test_m.T) ... skipped "later"\n')).toEqual(
      new Map([
        ['test_m.T.test_a', {status: 'passed', group: 'test_m.T'}],
        ['test_m.T.test_c', {status: 'skipped', group: 'test_m.T'}],
      ]),
    )
    expect(testsRun(r.stderr)).toBe(2)
  })

  it("keeps the last status of a name seen twice, as SWE-bench's parsers do (mocha, jest, vitest JUnit)", () => {
    const expected = {
      'math adds': 'passed',
      'math fails (with parens)': 'failed',
      'math skipped': 'skipped',
      'dup same': 'passed',
    }
    expect(statuses(parseMochaJson(fixture('mocha.json')))).toEqual(expected)
    expect(statuses(parseJestJson(fixture('jest.json')))).toEqual(expected)
    const vitest = parseJunit(fixture('vitest-junit.xml'))
    expect(vitest?.get('dup > same')?.status).toBe('passed')
    expect(vitest?.get('math > skipped')?.status).toBe('skipped')
    expect(vitest?.get('a.test.js.math > fails (with parens)')?.message).toContain('2 !== 3')
    expect(parseMochaJson(fixture('mocha.json'))?.get('math fails (with parens)')?.message).toContain('2 !== 3')
    expect(parseTap('ok 1 - same\nnot ok 2 - same\nok 3 - other\n')?.get('same')?.status).toBe('failed')
    expect(parseTap('not ok 1 - same\nok 2 - same\n')?.get('same')?.status).toBe('passed')
  })

  it('reads ava --tap and go test -json', () => {
    expect(statuses(parseTap(fixture('ava.tap')))).toEqual({
      skipped: 'skipped',
      adds: 'passed',
      'fails (with parens)': 'failed',
    })
    const go = parseGoTestJson(fixture('go-test.json'))
    expect(statuses(go)).toEqual({
      TestAdd: 'passed',
      'TestDiv/by_zero': 'failed',
      TestDiv: 'failed',
      TestSlow: 'skipped',
    })
    expect(go?.get('TestDiv/by_zero')?.message).toContain('want an error')
  })

  it('says where each test sits when the report does: file, JUnit classname, enclosing suite, Go package', async () => {
    const groupOf = (r: TestReport | undefined, id: string) => r?.get(id)?.group
    expect(groupOf(parseMochaJson(fixture('mocha.json')), 'math adds')).toBe('/work/m/a.test.js')
    expect(groupOf(parseJestJson(fixture('jest.json')), 'math adds')).toBe('/work/j/a.test.js')
    expect(groupOf(parseJunit(fixture('vitest-junit.xml')), 'a.test.js::math > adds')).toBe('a.test.js')
    expect(groupOf(parseGoTestJson(fixture('go-test.json')), 'TestAdd')).toBe('example.com/calc')
    const tap = parseTap(await nodeReport('tap'))
    expect(groupOf(tap, 'group > inner ok')).toBe('group')
    expect(groupOf(tap, 'fails')).toBeUndefined()
    expect(groupOf(parseTap('    ok 1 - c\n  ok 1 - b\nok 1 - a\n'), 'a > b > c')).toBe('a > b')
  })

  it('counts the tests a runner ran from its summary, skips and filtered tests left out', () => {
    expect(testsRun('\n\n  0 passing (0ms)\n\n')).toBe(0)
    expect(testsRun('Tests:       5 skipped, 5 total\nSnapshots:   0 total')).toBe(0)
    expect(testsRun('Tests:       2 failed, 1 skipped, 2 passed, 5 total')).toBe(4)
    expect(testsRun(' Tests  1 failed | 2 passed | 4 skipped (7)\n')).toBe(3)
    expect(testsRun('# tests 3\n# pass 1\n# skip 1\n# fail 1\n')).toBe(2)
    expect(testsRun('ℹ tests 4\nℹ pass 0\nℹ fail 0\nℹ skipped 4\n')).toBe(0)
    expect(testsRun('===== 1 failed, 2 passed, 3 deselected in 0.12s =====\n')).toBe(3)
    expect(testsRun('\u001b[32m  3 passing\u001b[39m (5ms)')).toBe(3)
    expect(testsRun('all good')).toBeUndefined()
  })

  it('finds no report in plain output', () => {
    expect(parseTestReport('all good\nOK\n')).toBeUndefined()
  })
})
