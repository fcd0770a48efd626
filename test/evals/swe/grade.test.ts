import {describe, expect, it} from 'vitest'
import {closestNames, gradeTests} from '../../../src/evals/swe/grade.js'
import type {TestReport} from '../../../src/evals/swe/test-results.js'

// SWE-bench's grading (swebench/harness/grading.py): PASS_TO_PASS keeps a skipped test, FAIL_TO_PASS does not; a
// test the report does not name fails; every failure says why.

const report: TestReport = new Map([
  ['a', {status: 'passed'}],
  ['b', {status: 'failed'}],
  ['s', {status: 'skipped'}],
  ['parses ISO dates', {status: 'passed'}],
])

describe('grading', () => {
  it('grades as SWE-bench does and says why each test failed', () => {
    expect(gradeTests(report, ['a'], ['s'])).toEqual({
      resolved: true,
      tests_status: {FAIL_TO_PASS: {success: ['a'], failure: []}, PASS_TO_PASS: {success: ['s'], failure: []}},
    })
    const g = gradeTests(report, ['a', 's', ' parses ISO dates', 'x'], ['b'], new Set(['x']))
    expect(g.resolved).toBe(false)
    expect(g.tests_status).toEqual({
      FAIL_TO_PASS: {success: ['a'], failure: ['s', ' parses ISO dates', 'x']},
      PASS_TO_PASS: {success: [], failure: ['b']},
    })
    expect(g.reason).toBe(
      'failing: b; skipped (FAIL_TO_PASS must pass): s; not run (the test command ran no test for it): x; not found in the report: " parses ISO dates" (closest: "parses ISO dates", "a", "s")',
    )
    expect(gradeTests(new Map(), ['a'], []).reason).toBe('not found in the report: "a" (the report names no test)')
  })

  it('finds the closest names by edit distance', () => {
    expect(closestNames('math adds', ['math > adds', 'dup > same', 'math adds!'], 2)).toEqual([
      'math adds!',
      'math > adds',
    ])
  })
})
