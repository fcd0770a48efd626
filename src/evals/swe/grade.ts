import type {TestReport} from './test-results.js'

// SWE-bench's grading of one run's test report against FAIL_TO_PASS and PASS_TO_PASS
// (swebench/harness/grading.py, get_eval_tests_report, SWE-bench 7a21e05): a FAIL_TO_PASS test succeeds only when
// it passed; a PASS_TO_PASS test succeeds when it passed or was skipped (`test_maintained`: a skip is not a
// regression); a test absent from the report fails. Resolved (RESOLVED_FULL) = no failure in either list. On top of
// SWE-bench, every failure says why: it failed, it was skipped, the runner did not run it, or the report does not
// name it (with the report's closest names, since a stray space or a describe prefix is the usual cause).

export interface TestsStatus {
  FAIL_TO_PASS: {success: string[]; failure: string[]}
  PASS_TO_PASS: {success: string[]; failure: string[]}
}

export interface Grade {
  resolved: boolean
  tests_status: TestsStatus
  /** Why the run is not resolved, for people; undefined when it is. */
  reason?: string
}

/** Edit distance between two names (Levenshtein), for the "closest names" hint. */
export function distance(a: string, b: string): number {
  let row = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    row = next
  }
  return row[b.length] ?? 0
}

/** The `n` names of `names` nearest to `id`. */
export function closestNames(id: string, names: Iterable<string>, n = 3): string[] {
  return [...new Set(names)]
    .map((name) => ({name, d: distance(id, name)}))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, n)
    .map((x) => x.name)
}

const quote = (s: string) => JSON.stringify(s)

/** Grades a report; `notRun` are ids a `{test}` command ran no test for (they fail, with their own reason). */
export function gradeTests(
  report: TestReport,
  failToPass: string[],
  passToPass: string[],
  notRun: ReadonlySet<string> = new Set(),
): Grade {
  const failing: string[] = []
  const skipped: string[] = []
  const missing: string[] = []
  const unrun: string[] = []
  const check = (id: string, keptWhenSkipped: boolean): boolean => {
    const result = report.get(id)
    const why = notRun.has(id)
      ? unrun
      : !result
        ? missing
        : result.status === 'failed'
          ? failing
          : result.status === 'skipped' && !keptWhenSkipped
            ? skipped
            : undefined
    why?.push(id)
    return !why
  }
  const split = (ids: string[], keptWhenSkipped: boolean) => {
    const success: string[] = []
    const failure: string[] = []
    for (const id of ids) (check(id, keptWhenSkipped) ? success : failure).push(id)
    return {success, failure}
  }
  const tests_status = {FAIL_TO_PASS: split(failToPass, false), PASS_TO_PASS: split(passToPass, true)}
  const resolved = !tests_status.FAIL_TO_PASS.failure.length && !tests_status.PASS_TO_PASS.failure.length
  if (resolved) return {resolved, tests_status}
  const parts: string[] = []
  if (failing.length) parts.push(`failing: ${failing.join(', ')}`)
  if (skipped.length) parts.push(`skipped (FAIL_TO_PASS must pass): ${skipped.join(', ')}`)
  if (unrun.length) parts.push(`not run (the test command ran no test for it): ${unrun.join(', ')}`)
  for (const id of missing) {
    const near = closestNames(id, report.keys())
    parts.push(
      `not found in the report: ${quote(id)}${near.length ? ` (closest: ${near.map(quote).join(', ')})` : ' (the report names no test)'}`,
    )
  }
  return {resolved, tests_status, reason: parts.join('; ')}
}
