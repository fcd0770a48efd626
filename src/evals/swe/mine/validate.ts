import {existsSync} from 'node:fs'
import {join} from 'node:path'
import type {SweInstance} from '../dataset.js'
import {judge} from '../judge.js'
import {applyPatch} from '../model-patch.js'
import {setupEnv} from '../setup-env.js'
import {runShell} from '../shell.js'
import {checkout} from '../workspace.js'
import {detectRunner} from './detect-runner.js'
import {changedLines, filesOf, type HistoryCommit, splitChange} from './history.js'
import {measure, type StressOptions} from './measure.js'
import {setupCacheHit} from './npm-setup.js'
import {isTestFile} from './path-kind.js'
import {problemStatement} from './problem.js'

// One candidate commit through SWE-bench's validation: at its parent, apply the test changes, set up, run the
// changed test files twice (before); apply the code changes, run them twice, then again under load (after)
// (measure.ts); FAIL_TO_PASS = fail -> pass, PASS_TO_PASS = pass -> pass, flaky tests and their groups out. When
// the changed files hold no test, the whole suite is measured instead. The task is kept only when FAIL_TO_PASS is not empty and the gold patch resolves
// it through `oac eval swe`'s own judge on a fresh checkout. Every other outcome is a drop with its reason.

export type DropReason =
  | 'root_commit'
  | 'no_tests_changed'
  | 'no_code_changed'
  | 'too_large'
  | 'no_runner'
  | 'setup_failed'
  | 'tests_did_not_fail'
  | 'gold_did_not_pass'
  | 'flaky'
  | 'error'

export const DROP_REASONS: DropReason[] = [
  'root_commit',
  'no_tests_changed',
  'no_code_changed',
  'too_large',
  'no_runner',
  'setup_failed',
  'tests_did_not_fail',
  'gold_did_not_pass',
  'flaky',
  'error',
]

export interface ValidateOptions {
  /** The repository the worktrees come from (oac's clone). */
  source: string
  /** `owner/name` as the dataset names it. */
  repo: string
  workRoot: string
  /** Setup + tests of one state, and of the judge's run. */
  timeoutMs: number
  hasPytest: boolean
  /** Runs of the fixed state under load; none when absent. */
  stress?: StressOptions | undefined
  signal?: AbortSignal | undefined
}

export type Outcome =
  | {kept: true; task: SweInstance; setupCacheHit?: boolean | undefined}
  | {kept: false; reason: DropReason; detail: string; setupCacheHit?: boolean | undefined}

/** Limits of a task's non-test change: beyond them it is not a bug fix an agent can be asked for. */
export const MAX_CODE_FILES = 20
export const MAX_CODE_LINES = 600

/** The drop a commit gets without running anything, if any (root commit, no tests or code changed, too large). */
export function precheck(c: HistoryCommit): {reason: DropReason; detail: string} | undefined {
  if (!c.parent) return {reason: 'root_commit', detail: 'the first commit has no parent to start from'}
  if (!filesOf(c, 'test').length) return {reason: 'no_tests_changed', detail: 'no test file changed'}
  const code = filesOf(c, 'code')
  if (!code.length) return {reason: 'no_code_changed', detail: 'only tests, docs or config changed'}
  const lines = changedLines(code)
  if (code.length > MAX_CODE_FILES || lines > MAX_CODE_LINES)
    return {reason: 'too_large', detail: `${code.length} code files, ${lines} lines changed`}
  return undefined
}

const drop = (reason: DropReason, detail: string, setupCacheHit?: boolean): Outcome => ({
  kept: false,
  reason,
  detail,
  ...(setupCacheHit !== undefined ? {setupCacheHit} : {}),
})

const besideNote = (n: number) => (n ? ` (its group's ${n} other test${n === 1 ? '' : 's'} left out too)` : '')

const tail = (text: string) => text.trim().split('\n').slice(-2).join(' ').slice(0, 300)

export async function validateCommit(c: HistoryCommit, o: ValidateOptions): Promise<Outcome> {
  const pre = precheck(c)
  if (pre) return drop(pre.reason, pre.detail)
  const parent = c.parent as string
  const {patch, test_patch} = await splitChange(o.source, c)
  const ws = await checkout(o.source, parent, o.workRoot)
  let cacheHit: boolean | undefined
  try {
    try {
      await applyPatch(ws.dir, test_patch)
    } catch (error) {
      return drop('error', `test_patch does not apply on the parent: ${(error as Error).message}`)
    }
    const tests = filesOf(c, 'test')
      .map((f) => f.path)
      .filter((p) => isTestFile(p) && existsSync(join(ws.dir, p)))
    if (!tests.length) return drop('no_tests_changed', 'only test fixtures or helpers changed')
    const runner = detectRunner(ws.dir, tests, o.hasPytest)
    if ('reason' in runner) return drop('no_runner', runner.reason)
    const started = Date.now()
    if (runner.setup_cmd) {
      const r = await runShell(runner.setup_cmd, {
        cwd: ws.dir,
        timeoutMs: o.timeoutMs,
        signal: o.signal,
        env: setupEnv(),
      })
      cacheHit = setupCacheHit(r.all)
      if (r.exitCode !== 0)
        return drop('setup_failed', r.timedOut ? 'setup timed out' : `exit ${r.exitCode}: ${tail(r.all)}`, cacheHit)
    }
    const setupMs = Date.now() - started
    let measured = await measure(ws.dir, runner.test_cmd, patch, o)
    let testCmd = runner.test_cmd
    // The changed "test" files held no test (a table of cases another spec imports): measure the whole suite.
    if (measured.ok && !measured.m.lists.FAIL_TO_PASS.length && !measured.m.anyPassed) {
      measured = await measure(ws.dir, runner.suite_cmd, patch, o)
      testCmd = runner.suite_cmd
    }
    if (!measured.ok) return drop(measured.reason, measured.detail, cacheHit)
    const {lists, before, slowestMs} = measured.m
    if (!lists.FAIL_TO_PASS.length) {
      // The fix's failing tests were there, but flaky or beside a flaky one: flaky, whatever else still fails.
      if (lists.stillFailing.length && !lists.flakyFixes.length)
        return drop(
          'gold_did_not_pass',
          `still failing after the fix: ${lists.stillFailing.slice(0, 5).join(', ')}`,
          cacheHit,
        )
      if (lists.flaky.length)
        return drop(
          'flaky',
          `results changed between runs: ${lists.flaky.slice(0, 5).join(', ')}${besideNote(lists.besideFlaky.length)}`,
          cacheHit,
        )
      return drop('tests_did_not_fail', 'no test failed before the fix', cacheHit)
    }
    const task: SweInstance = {
      instance_id: `${o.repo.replace('/', '__')}-${c.sha.slice(0, 12)}`,
      repo: o.repo,
      base_commit: parent,
      problem_statement: problemStatement(c, lists.FAIL_TO_PASS, before.report, before.log, ws.dir),
      patch,
      test_patch,
      FAIL_TO_PASS: lists.FAIL_TO_PASS,
      PASS_TO_PASS: lists.PASS_TO_PASS,
      test_cmd: testCmd,
      ...(runner.setup_cmd ? {setup_cmd: runner.setup_cmd} : {}),
      language: runner.language,
      timeout_s: Math.ceil(Math.max(120, (5 * (setupMs + slowestMs)) / 1000)),
      // SWE-bench's form: UTC, seconds (2023-06-13T21:12:04Z).
      created_at: new Date(c.date).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      commit: c.sha,
    }
    const verdict = await judge(task, patch, {
      source: o.source,
      workRoot: o.workRoot,
      timeoutMs: o.timeoutMs,
      signal: o.signal,
    })
    if (verdict.status !== 'resolved')
      return drop('gold_did_not_pass', `the judge: ${verdict.status} (${verdict.reason ?? ''})`, cacheHit)
    return {kept: true, task, ...(cacheHit !== undefined ? {setupCacheHit: cacheHit} : {})}
  } finally {
    await ws.dispose()
  }
}
