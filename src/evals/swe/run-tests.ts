import {runShell} from './shell.js'
import {testsRun} from './test-counts.js'
import {parseTestReport, type TestReport} from './test-results.js'

// Runs a task's tests the way its `test_cmd` says: with `{test}`, once per id (as SWE-bench's per-test commands);
// otherwise once for all ids (`{tests}` is replaced by them), reading each test's result from the report the runner
// prints (TAP, JUnit XML, jest/vitest/mocha JSON, go test -json, unittest -v).
//
// In `{test}` mode a run must prove it ran the test: a report naming the id, or a runner's count of tests run.
// A skip is not a run. Exit 0 with neither is `not run` (mocha --grep and jest -t exit 0 when they match nothing); a non-zero exit with
// neither is a failure (the code did not load: a build break).

export type TestRun =
  | {ok: true; report: TestReport; notRun: Set<string>; log: string}
  | {
      ok: false
      /** timeout / missing (exit 127) / no_report (nothing readable; `exitCode` says how it ended) / no_tests. */
      kind: 'timeout' | 'missing' | 'no_report' | 'no_tests'
      exitCode?: number | undefined
      reason: string
      log: string
    }

export interface TestRunOptions {
  cwd: string
  /** Wall-clock deadline (ms since the epoch) of the whole test run. */
  deadline: number
  signal?: AbortSignal | undefined
}

/** Quotes one word for sh. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

const MISSING = 127

async function sh(cmd: string, o: TestRunOptions) {
  const left = o.deadline - Date.now()
  if (left <= 0) return {timedOut: true, exitCode: undefined, output: '', stdout: ''}
  const r = await runShell(cmd, {
    cwd: o.cwd,
    timeoutMs: left,
    signal: o.signal,
    env: {CI: '1', NO_COLOR: '1', FORCE_COLOR: '0', PYTHONDONTWRITEBYTECODE: '1'},
  })
  return {timedOut: r.timedOut, exitCode: r.exitCode, output: r.all, stdout: r.stdout}
}

/** The report in a run's output: stdout alone first (a JSON report cut by stderr lines would not parse), then all. */
const reportOf = (r: {stdout: string; output: string}) => parseTestReport(r.stdout) ?? parseTestReport(r.output)

const timedOut = (log: string) => ({ok: false as const, kind: 'timeout' as const, reason: 'tests timed out', log})

/** Results for `ids`; `ok: false` when the runner is missing, timed out or printed nothing readable. */
export async function runTests(testCmd: string, ids: string[], o: TestRunOptions): Promise<TestRun> {
  if (testCmd.includes('{test}')) return runEach(testCmd, ids, o)
  const r = await sh(testCmd.replaceAll('{tests}', ids.map(shellQuote).join(' ')), o)
  if (r.timedOut) return timedOut(r.output)
  if (r.exitCode === MISSING)
    return {ok: false, kind: 'missing', reason: `test command missing: ${lastLine(r.output)}`, log: r.output}
  const report = reportOf(r)
  if (!report)
    return {
      ok: false,
      kind: 'no_report',
      exitCode: r.exitCode,
      reason: `the test command printed no test report (exit ${r.exitCode ?? 'by signal'})${r.exitCode ? `: ${lastLine(r.output)}` : ''}`,
      log: r.output,
    }
  return {ok: true, report, notRun: new Set(), log: r.output}
}

async function runEach(testCmd: string, ids: string[], o: TestRunOptions): Promise<TestRun> {
  const report: TestReport = new Map()
  const notRun = new Set<string>()
  const logs: string[] = []
  for (const id of ids) {
    const r = await sh(testCmd.replaceAll('{test}', shellQuote(id)), o)
    logs.push(`$ ${id}\n${r.output}`)
    if (r.timedOut) return timedOut(logs.join('\n'))
    if (r.exitCode === MISSING)
      return {ok: false, kind: 'missing', reason: `test command missing: ${lastLine(r.output)}`, log: logs.join('\n')}
    const own = reportOf(r)
    // A per-test run that skipped its own test did not run it (node --test reports what its pattern leaves out as
    // skipped), so a skip here proves nothing.
    const named = own?.get(id)?.status === 'skipped' ? undefined : own?.get(id)
    const ran = own ? [...own.values()].filter((t) => t.status !== 'skipped').length : (testsRun(r.output) ?? 0)
    if (named) report.set(id, named)
    else if (ran > 0) report.set(id, {status: r.exitCode === 0 ? 'passed' : 'failed'})
    else if (r.exitCode !== 0) report.set(id, {status: 'failed', message: lastLine(r.output)})
    else notRun.add(id)
  }
  const log = logs.join('\n')
  if (ids.length && notRun.size === ids.length)
    return {
      ok: false,
      kind: 'no_tests',
      reason: `the test command ran no test for any id (exit 0; no report named the id, no count of tests run above 0): does {test} select tests by these ids?`,
      log,
    }
  return {ok: true, report, notRun, log}
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? ''
}
