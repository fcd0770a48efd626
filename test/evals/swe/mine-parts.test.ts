import {describe, expect, it} from 'vitest'
import {jsRunner, jsTestCmd} from '../../../src/evals/swe/mine/detect-runner.js'
import {heldOutOf, isHeldOut, parseDate, patchHash, splitOf} from '../../../src/evals/swe/mine/hold-out.js'
import {repoFromUrl} from '../../../src/evals/swe/mine/mirror.js'
import {isTestFile, pathKind} from '../../../src/evals/swe/mine/path-kind.js'
import {problemStatement} from '../../../src/evals/swe/mine/problem.js'
import {testLists} from '../../../src/evals/swe/mine/test-lists.js'
import type {TestReport, TestStatus} from '../../../src/evals/swe/test-results.js'

// The miner's pure parts: which files are tests, which runner a package uses, the lists from validation runs, the
// problem statement, and the hold-out split that fine-tuning reads.

const report = (entries: Record<string, TestStatus>): TestReport =>
  new Map(Object.entries(entries).map(([k, status]) => [k, {status}]))

describe('mining, piece by piece', () => {
  it('tells tests from code and from other files, by the runners own conventions', () => {
    const kinds = Object.fromEntries(
      [
        'lib/parse.js',
        'src/a.ts',
        'src/a.d.ts',
        'test/parse.test.js',
        'tests/fixtures/input.json',
        '__tests__/x.js',
        'src/x.spec.tsx',
        'pkg/calc_test.go',
        'tests/test_api.py',
        'typings/index.test-d.ts',
        'README.md',
        'package.json',
        'docs/guide.js',
        '.github/workflows/ci.yml',
      ].map((p) => [p, pathKind(p)]),
    )
    expect(kinds).toEqual({
      'lib/parse.js': 'code',
      'src/a.ts': 'code',
      'src/a.d.ts': 'other',
      'test/parse.test.js': 'test',
      'tests/fixtures/input.json': 'test',
      '__tests__/x.js': 'test',
      'src/x.spec.tsx': 'test',
      'pkg/calc_test.go': 'test',
      'tests/test_api.py': 'test',
      'typings/index.test-d.ts': 'test',
      'README.md': 'other',
      'package.json': 'other',
      'docs/guide.js': 'other',
      '.github/workflows/ci.yml': 'other',
    })
    expect(
      [
        'test/parse.test.js',
        'test/helpers/env.js',
        'tests/fixtures/a.js',
        'test/a.js',
        'typings/index.test-d.ts',
      ].filter(isTestFile),
    ).toEqual(['test/parse.test.js', 'test/a.js'])
  })

  it('finds the runner from the test script, then the dev dependencies, then node:test imports', () => {
    expect(jsRunner({scripts: {test: 'xo && ava'}, devDependencies: {jest: '1'}}, [])).toBe('ava')
    expect(jsRunner({scripts: {test: 'node --test && npm run lint'}}, [])).toBe('node-test')
    expect(jsRunner({scripts: {test: 'npm run build && npm run unit'}, devDependencies: {vitest: '1'}}, [])).toBe(
      'vitest',
    )
    expect(jsRunner({scripts: {test: 'c8 tap'}}, [])).toBe('tap')
    expect(jsRunner({}, ["import {test} from 'node:test'\n"])).toBe('node-test')
    expect(jsRunner({scripts: {test: 'tape test/*.js'}}, [])).toBeUndefined()
    expect(jsTestCmd('mocha', ['test/a b.js'])).toBe("node_modules/.bin/mocha --reporter json 'test/a b.js'")
  })

  it('builds FAIL_TO_PASS and PASS_TO_PASS from two runs of each state, flaky tests out', () => {
    const before = report({old: 'passed', bug: 'failed', flip: 'passed', skip: 'skipped', broken: 'failed'})
    const before2 = report({old: 'passed', bug: 'failed', flip: 'failed', skip: 'skipped', broken: 'failed'})
    const after = report({
      old: 'passed',
      bug: 'passed',
      flip: 'passed',
      skip: 'skipped',
      broken: 'failed',
      added: 'passed',
    })
    expect(testLists([before, before2], [after, after])).toEqual({
      FAIL_TO_PASS: ['bug', 'added'],
      PASS_TO_PASS: ['old'],
      flaky: ['flip'],
      besideFlaky: [],
      flakyFixes: [],
      stillFailing: ['broken'],
    })
  })

  it('leaves out the whole group of a test that failed in one loaded run, and keeps the other groups', () => {
    // path-to-regexp's ReDoS checks: one describe of 100 patterns, a different few fail in each loaded run.
    const grouped = (entries: Record<string, [TestStatus, string?]>): TestReport =>
      new Map(
        Object.entries(entries).map(([id, [status, group]]) => [id, {status, ...(group ? {group} : {})}] as const),
      )
    const before = grouped({
      'index > fix': ['failed', 'index.spec.ts'],
      'index > old': ['passed', 'index.spec.ts'],
      'redos > /a': ['passed', 'redos.spec.ts'],
      'redos > /b': ['passed', 'redos.spec.ts'],
      lone: ['passed'],
    })
    const quiet = grouped({
      'index > fix': ['passed', 'index.spec.ts'],
      'index > old': ['passed', 'index.spec.ts'],
      'redos > /a': ['passed', 'redos.spec.ts'],
      'redos > /b': ['passed', 'redos.spec.ts'],
      lone: ['passed'],
    })
    const loaded = grouped({
      'index > fix': ['passed', 'index.spec.ts'],
      'index > old': ['passed', 'index.spec.ts'],
      'redos > /a': ['failed', 'redos.spec.ts'],
      'redos > /b': ['passed', 'redos.spec.ts'],
      lone: ['passed'],
    })
    expect(testLists([before, before], [quiet, quiet])).toMatchObject({
      PASS_TO_PASS: ['index > old', 'redos > /a', 'redos > /b', 'lone'],
      flaky: [],
    })
    expect(testLists([before, before], [quiet, quiet, loaded, quiet])).toEqual({
      FAIL_TO_PASS: ['index > fix'],
      PASS_TO_PASS: ['index > old', 'lone'],
      flaky: ['redos > /a'],
      besideFlaky: ['redos > /b'],
      flakyFixes: [],
      stillFailing: [],
    })
    // A fix whose failing tests all sit in the flaky group has nothing steady left to judge by.
    const redosBefore = grouped({
      'index > fix': ['passed', 'index.spec.ts'],
      'index > old': ['passed', 'index.spec.ts'],
      'redos > /a': ['failed', 'redos.spec.ts'],
      'redos > /b': ['failed', 'redos.spec.ts'],
      lone: ['passed'],
    })
    expect(testLists([redosBefore, redosBefore], [quiet, quiet, loaded])).toMatchObject({
      FAIL_TO_PASS: [],
      flakyFixes: ['redos > /a', 'redos > /b'],
    })
  })

  it('writes the problem from the commit message and the failing tests, never the fix', () => {
    const before: TestReport = new Map([
      ['parses dates', {status: 'failed', message: 'Expected 2024 to be 2025\n    at /work/x/ws-1/test/a.js:3:1\n'}],
    ])
    const text = problemStatement(
      {subject: 'Fix year parsing (#12)', body: 'Years before 1970 came out wrong.\n\nSigned-off-by: A <a@b.c>\n'},
      ['parses dates', 'keeps the era'],
      before,
      '',
      '/work/x/ws-1',
    )
    expect(text).toBe(
      'Fix year parsing (#12)\n\nYears before 1970 came out wrong.\n\nThese tests fail and should pass:\n- parses dates\n    Expected 2024 to be 2025\n- keeps the era',
    )
    const unloaded = problemStatement(
      {subject: 'Add x', body: ''},
      ['x works'],
      undefined,
      'SyntaxError: no export x in /w/ws/lib.js',
      '/w/ws',
    )
    expect(unloaded).toContain('The test file does not load yet:\nSyntaxError: no export x in lib.js')
  })

  it('splits by the date a change landed and holds out eval changes by commit and by patch', () => {
    const after = parseDate('2025-06-01') as number
    expect(splitOf('2025-06-01T10:00:00+02:00', after)).toBe('eval')
    expect(splitOf('2025-05-31T23:00:00Z', after)).toBe('train')
    expect(parseDate('June 1st')).toBeUndefined()
    const patch =
      'diff --git a/a.js b/a.js\nindex 111..222 100644\n--- a/a.js\n+++ b/a.js\n@@ -1,3 +1,3 @@\n x\n-y\n+z\n'
    const rebased = patch
      .replace('index 111..222', 'index 333..444')
      .replace('@@ -1,3 +1,3 @@\n x', '@@ -9,3 +9,3 @@\n w')
    expect(patchHash(rebased)).toBe(patchHash(patch))
    const held = heldOutOf([
      {commit: 'c1', patch, split: 'eval'},
      {commit: 'c2', patch: 'other', split: 'train'},
    ])
    expect(isHeldOut(held, 'c1', '')).toBe(true)
    expect(isHeldOut(held, 'cherry-picked', rebased)).toBe(true)
    expect(isHeldOut(held, 'c2', 'other')).toBe(false)
    // An empty patch names no change: a hand-written eval row without one holds out nothing else.
    const blank = heldOutOf([{commit: 'c3', patch: '', split: 'eval'}])
    expect(isHeldOut(blank, 'c3', '')).toBe(true)
    expect(isHeldOut(blank, 'tests-only', '')).toBe(false)
    expect(isHeldOut(blank, 'c4', 'diff --git a/x b/x\n')).toBe(false)
  })

  it('names the repository from its origin URL', () => {
    expect(repoFromUrl('https://github.com/tj/commander.js.git')).toBe('tj/commander.js')
    expect(repoFromUrl('git@github.com:pillarjs/path-to-regexp.git\n')).toBe('pillarjs/path-to-regexp')
    expect(repoFromUrl('')).toBeUndefined()
  })
})
