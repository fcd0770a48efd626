import type {TestReport, TestStatus} from '../test-results.js'

// FAIL_TO_PASS and PASS_TO_PASS from validation runs, as SWE-bench's validation builds them: the tests run at base +
// test_patch ("before") and at base + patch + test_patch ("after"), each state twice. FAIL_TO_PASS = fails (or is
// absent: a new test whose file did not load) before and passes after; PASS_TO_PASS = passes before and after. A test
// whose two runs of the same state disagree is flaky and in neither list; skipped tests are in neither. Pure.

export interface TestLists {
  FAIL_TO_PASS: string[]
  PASS_TO_PASS: string[]
  /** Tests whose result changed between two runs of the same state. */
  flaky: string[]
  /** Tests that did not pass before and still fail after (the gold patch does not fix them). */
  stillFailing: string[]
}

type State = TestStatus | 'absent'

const stateOf = (report: TestReport, id: string): State => report.get(id)?.status ?? 'absent'

/** The tests' main names (JUnit aliases left out), in report order. */
function names(reports: TestReport[]): string[] {
  const all = new Set<string>()
  for (const r of reports) for (const [id, result] of r) if (!result.alias) all.add(id)
  return [...all]
}

export function testLists(before: [TestReport, TestReport], after: [TestReport, TestReport]): TestLists {
  const lists: TestLists = {FAIL_TO_PASS: [], PASS_TO_PASS: [], flaky: [], stillFailing: []}
  for (const id of names([...after, ...before])) {
    const [b1, b2] = before.map((r) => stateOf(r, id))
    const [a1, a2] = after.map((r) => stateOf(r, id))
    if (b1 !== b2 || a1 !== a2) {
      lists.flaky.push(id)
      continue
    }
    if (a1 === 'passed' && b1 === 'passed') lists.PASS_TO_PASS.push(id)
    else if (a1 === 'passed' && (b1 === 'failed' || b1 === 'absent')) lists.FAIL_TO_PASS.push(id)
    else if (a1 === 'failed' && (b1 === 'failed' || b1 === 'absent')) lists.stillFailing.push(id)
  }
  return lists
}
