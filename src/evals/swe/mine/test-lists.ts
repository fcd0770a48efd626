import type {TestReport, TestStatus} from '../test-results.js'

// FAIL_TO_PASS and PASS_TO_PASS from validation runs, as SWE-bench's validation builds them: the tests run at base +
// test_patch ("before") and at base + patch + test_patch ("after"), each state several times (after: on a quiet and
// on a loaded machine). FAIL_TO_PASS = fails (or is absent: a new test whose file did not load) before and passes
// after; PASS_TO_PASS = passes before and after. A test whose runs of one state disagree is flaky and in neither list,
// and so are the other tests of its group (its file or suite, as the report says): they share what made it flaky (a
// time limit, a fuzzer's budget, a fixture), and the ones that held this time may not hold in the judge's run —
// path-to-regexp's ReDoS checks failed a different few of 100 patterns in each loaded run. Skipped tests are in
// neither list. Pure.

export interface TestLists {
  FAIL_TO_PASS: string[]
  PASS_TO_PASS: string[]
  /** Tests whose result changed between runs of the same state. */
  flaky: string[]
  /** Tests left out because they share a group with a flaky test. */
  besideFlaky: string[]
  /** Of those two, the ones whose first runs read fail -> pass: FAIL_TO_PASS lost to flakiness. */
  flakyFixes: string[]
  /** Tests that did not pass before and still fail after (the gold patch does not fix them). */
  stillFailing: string[]
}

type State = TestStatus | 'absent'

const stateOf = (report: TestReport, id: string): State => report.get(id)?.status ?? 'absent'

/** The tests' main names (JUnit aliases left out), in report order, with their group where a report gives one. */
function names(reports: TestReport[]): Map<string, string | undefined> {
  const all = new Map<string, string | undefined>()
  for (const r of reports) for (const [id, result] of r) if (!result.alias) all.set(id, all.get(id) ?? result.group)
  return all
}

const same = (states: State[]) => states.every((s) => s === states[0])

export function testLists(before: TestReport[], after: TestReport[]): TestLists {
  const lists: TestLists = {
    FAIL_TO_PASS: [],
    PASS_TO_PASS: [],
    flaky: [],
    besideFlaky: [],
    flakyFixes: [],
    stillFailing: [],
  }
  const all = names([...after, ...before])
  const flaky = new Set(
    [...all.keys()].filter((id) => !same(before.map((r) => stateOf(r, id))) || !same(after.map((r) => stateOf(r, id)))),
  )
  const flakyGroups = new Set([...flaky].flatMap((id) => all.get(id) ?? []))
  for (const [id, group] of all) {
    const b = stateOf(before[0] ?? new Map(), id)
    const a = stateOf(after[0] ?? new Map(), id)
    const fixed = a === 'passed' && (b === 'failed' || b === 'absent')
    const out = flaky.has(id) ? lists.flaky : group !== undefined && flakyGroups.has(group) ? lists.besideFlaky : null
    if (out) {
      out.push(id)
      if (fixed) lists.flakyFixes.push(id)
      continue
    }
    if (a === 'passed' && b === 'passed') lists.PASS_TO_PASS.push(id)
    else if (fixed) lists.FAIL_TO_PASS.push(id)
    else if (a === 'failed' && (b === 'failed' || b === 'absent')) lists.stillFailing.push(id)
  }
  return lists
}
