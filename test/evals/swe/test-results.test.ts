import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {describe, expect, it} from 'vitest'
import {parseJunit, parseTap, parseTestReport, parseUnittest} from '../../../src/evals/swe/test-results.js'

// Reports produced by the real runners at test time (node --test's TAP and JUnit reporters, Python's unittest -v).

const TESTS = `import {describe, test} from 'node:test'
test('adds # numbers', () => {})
test('fails', () => { throw new Error('ok 7 - not a result') })
describe('group', () => { test('inner ok', () => {}); test('inner bad', () => { throw new Error('x') }) })
test('skipped', {skip: true}, () => {})
`

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
    expect(Object.fromEntries(v ?? [])).toEqual({
      'adds # numbers': true,
      fails: false,
      group: false,
      'group > inner ok': true,
      'group > inner bad': false,
      skipped: false,
    })
  })

  it('reads node --test JUnit XML by name and by classname.name', async () => {
    const v = parseJunit(await nodeReport('junit'))
    expect(v?.get('adds # numbers')).toBe(true)
    expect(v?.get('fails')).toBe(false)
    expect(v?.get('inner ok')).toBe(true)
    expect(v?.get('inner bad')).toBe(false)
  })

  it('reads python -m unittest -v, old and new id styles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oac-swe-unittest-'))
    writeFileSync(
      join(dir, 'test_m.py'),
      'import unittest\nclass T(unittest.TestCase):\n    def test_a(self):\n        pass\n    def test_b(self):\n        self.fail("no")\n',
    )
    const r = await execa('python3', ['-m', 'unittest', '-v', 'test_m'], {cwd: dir, reject: false})
    expect(Object.fromEntries(parseUnittest(r.stderr) ?? [])).toEqual({
      'test_m.T.test_a': true,
      'test_m.T.test_b': false,
    })
    expect(parseUnittest('test_a (test_m.T) ... ok\n')?.get('test_m.T.test_a')).toBe(true)
  })

  it('finds no report in plain output', () => {
    expect(parseTestReport('all good\nOK\n')).toBeUndefined()
  })
})
