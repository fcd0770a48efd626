import {runShell} from './shell.js'
import {parseTestReport, type TestVerdicts} from './test-results.js'

// Runs a task's tests the way its `test_cmd` says: with `{test}`, once per id (the exit status is the verdict,
// as SWE-bench's per-test commands); otherwise once for all ids (`{tests}` is replaced by them), reading each
// test's verdict from the TAP or JUnit report the runner prints.

export type TestRun = {ok: true; verdicts: TestVerdicts; log: string} | {ok: false; reason: string; log: string}

export interface TestRunOptions {
  cwd: string
  timeoutMs: number
  signal?: AbortSignal
}

/** Quotes one word for sh. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

const MISSING = 127

async function sh(cmd: string, o: TestRunOptions, deadline: number) {
  const left = deadline - Date.now()
  if (left <= 0) return {timedOut: true, exitCode: undefined, output: ''}
  const r = await runShell(cmd, {
    cwd: o.cwd,
    timeoutMs: left,
    signal: o.signal,
    env: {CI: '1', NO_COLOR: '1', FORCE_COLOR: '0', PYTHONDONTWRITEBYTECODE: '1'},
  })
  return {timedOut: r.timedOut, exitCode: r.exitCode, output: r.all}
}

/** Verdicts for `ids`; `ok: false` when the runner is missing, timed out or printed no report. */
export async function runTests(testCmd: string, ids: string[], o: TestRunOptions): Promise<TestRun> {
  const deadline = Date.now() + o.timeoutMs
  if (testCmd.includes('{test}')) {
    const verdicts: TestVerdicts = new Map()
    const logs: string[] = []
    for (const id of ids) {
      const r = await sh(testCmd.replaceAll('{test}', shellQuote(id)), o, deadline)
      logs.push(`$ ${id}\n${r.output}`)
      const log = logs.join('\n')
      if (r.timedOut) return {ok: false, reason: `tests timed out after ${o.timeoutMs / 1000} s`, log}
      if (r.exitCode === MISSING) return {ok: false, reason: `test command missing: ${lastLine(r.output)}`, log}
      verdicts.set(id, r.exitCode === 0)
    }
    return {ok: true, verdicts, log: logs.join('\n')}
  }
  const r = await sh(testCmd.replaceAll('{tests}', ids.map(shellQuote).join(' ')), o, deadline)
  if (r.timedOut) return {ok: false, reason: `tests timed out after ${o.timeoutMs / 1000} s`, log: r.output}
  if (r.exitCode === MISSING) return {ok: false, reason: `test command missing: ${lastLine(r.output)}`, log: r.output}
  const verdicts = parseTestReport(r.output)
  if (!verdicts)
    return {
      ok: false,
      reason: `the test command printed no TAP, JUnit or unittest report (exit ${r.exitCode})`,
      log: r.output,
    }
  return {ok: true, verdicts, log: r.output}
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? ''
}
