// The shape every test-report parser fills (test-results.ts for TAP, JUnit and unittest; report-json.ts for jest,
// mocha and go test JSON), and the small helpers they share. Pure.

export type TestStatus = 'passed' | 'failed' | 'skipped'

export interface TestResult {
  status: TestStatus
  /** The failure's message (an assertion's text), when the report carries one. */
  message?: string
  /** Another name of a test listed under its main one (JUnit's bare `name` and `classname.name`). */
  alias?: true
  /**
   * Where the report puts the test, when it says: its file (jest, mocha), JUnit's classname (vitest: the file;
   * pytest: module.Class), the enclosing suite of a nested TAP subtest, the Go package, unittest's module.Class.
   * Tests of one group share their setup, fixtures and limits (`oac eval swe mine` drops a flaky test's group).
   */
  group?: string
}

/** Test id -> result, in report order. Nested TAP subtests are named `parent > child`. */
export type TestReport = Map<string, TestResult>

/** Sets a result; a name seen again keeps its last status (SWE-bench's log parsers overwrite by name). */
export function set(report: TestReport, name: string, result: TestResult) {
  // Last wins, and a re-set name moves to the end so the report's order stays the order of the final statuses.
  report.delete(name)
  report.set(name, result)
}

export const messageOf = (message: string | undefined) => (message ? {message} : {})
export const groupOf = (group: string | undefined) => (group ? {group} : {})
