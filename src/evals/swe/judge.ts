import {rm} from 'node:fs/promises'
import {join} from 'node:path'
import type {SweInstance} from './dataset.js'
import {git} from './git.js'
import {gradeTests} from './grade.js'
import {applyPatch, patchedFiles} from './model-patch.js'
import {runTests} from './run-tests.js'
import {setupEnv} from './setup-env.js'
import {runShell} from './shell.js'
import {checkout} from './workspace.js'

// SWE-bench's judging (swebench/harness/run_evaluation.py, run_instance): a fresh checkout of base_commit with the
// environment set up (setup_cmd, before any patch, as SWE-bench's instance image is built before the patch goes
// in); the model patch on top; the files test_patch touches reset to their test_patch version (edits to tests do
// not count); then FAIL_TO_PASS and PASS_TO_PASS run and grade.ts grades them. Setup and tests share one time budget.
//
// `error` is for what the harness could not do: no checkout, a patch or test_patch that does not apply, a setup
// that fails, tests that time out or a runner that is missing or prints no report at all. A patch that breaks the
// build (the runner exits non-zero without a report) is `unresolved`, as SWE-bench grades a log with no test
// results.

export type SweStatus = 'resolved' | 'unresolved' | 'empty_patch' | 'error'

export interface Verdict {
  status: SweStatus
  reason?: string
  /** Test id -> succeeded (SWE-bench's tests_status), for the listed tests; absent when no test report came back. */
  failToPass?: Record<string, boolean>
  passToPass?: Record<string, boolean>
  /** The runner's output, for the trace. */
  log?: string
}

export interface JudgeOptions {
  source: string
  workRoot: string
  /** Seconds for setup + tests when the instance has no timeout_s. */
  timeoutMs: number
  signal?: AbortSignal | undefined
}

/** The time budget of setup + tests: the instance's own timeout_s, else the run's --test-timeout. */
export function budgetMs(instance: SweInstance, fallbackMs: number): number {
  return instance.timeout_s !== undefined ? instance.timeout_s * 1000 : fallbackMs
}

/** Runs `setup_cmd` in `dir` until `deadline`; returns the reason when it fails. */
export async function runSetup(instance: SweInstance, dir: string, deadline: number, signal?: AbortSignal) {
  if (!instance.setup_cmd) return undefined
  const timeoutMs = Math.max(1, deadline - Date.now())
  const r = await runShell(instance.setup_cmd, {cwd: dir, timeoutMs, signal, env: setupEnv()})
  if (r.exitCode === 0) return undefined
  const tail = r.all.trim().split('\n').slice(-2).join(' ')
  return r.timedOut ? `setup timed out (${budgetText(instance)})` : `setup failed (exit ${r.exitCode}): ${tail}`
}

const budgetText = (instance: SweInstance) =>
  instance.timeout_s !== undefined
    ? `timeout_s ${instance.timeout_s} s for setup + tests`
    : 'the time for setup + tests'

const toRecord = (ids: string[], success: string[]) => Object.fromEntries(ids.map((id) => [id, success.includes(id)]))

export async function judge(instance: SweInstance, patch: string, o: JudgeOptions): Promise<Verdict> {
  if (!patch.trim()) return {status: 'empty_patch', reason: 'the patch changes no file'}
  let ws: Awaited<ReturnType<typeof checkout>>
  try {
    ws = await checkout(o.source, instance.base_commit, o.workRoot)
  } catch (error) {
    return {status: 'error', reason: `checkout failed: ${(error as Error).message}`}
  }
  try {
    const deadline = Date.now() + budgetMs(instance, o.timeoutMs)
    const setupFailed = await runSetup(instance, ws.dir, deadline, o.signal)
    if (setupFailed) return {status: 'error', reason: setupFailed}
    try {
      await applyPatch(ws.dir, patch)
    } catch (error) {
      return {status: 'error', reason: `the model patch does not apply: ${(error as Error).message}`}
    }
    try {
      await resetTests(ws.dir, instance)
    } catch (error) {
      return {status: 'error', reason: `test_patch does not apply: ${(error as Error).message}`}
    }
    const ids = [...instance.FAIL_TO_PASS, ...instance.PASS_TO_PASS]
    const run = await runTests(instance.test_cmd, ids, {cwd: ws.dir, deadline, signal: o.signal})
    if (!run.ok) {
      if (run.kind === 'no_report' && run.exitCode !== undefined && run.exitCode !== 0)
        return {status: 'unresolved', reason: `no test ran to a result: ${run.reason}`, log: run.log}
      const reason = run.kind === 'timeout' ? `tests timed out (${budgetText(instance)})` : run.reason
      return {status: 'error', reason, log: run.log}
    }
    const grade = gradeTests(run.report, instance.FAIL_TO_PASS, instance.PASS_TO_PASS, run.notRun)
    const {FAIL_TO_PASS: f2p, PASS_TO_PASS: p2p} = grade.tests_status
    return {
      status: grade.resolved ? 'resolved' : 'unresolved',
      ...(grade.reason ? {reason: grade.reason} : {}),
      failToPass: toRecord(instance.FAIL_TO_PASS, f2p.success),
      passToPass: toRecord(instance.PASS_TO_PASS, p2p.success),
      log: run.log,
    }
  } finally {
    await ws.dispose()
  }
}

/** Puts every file test_patch touches back to base_commit (deleting ones base_commit lacks), then applies it. */
export async function resetTests(dir: string, instance: SweInstance): Promise<void> {
  const files = patchedFiles(instance.test_patch)
  if (!files.length) return
  const outside = files.find((f) => f.startsWith('/') || f.split('/').includes('..'))
  if (outside) throw new Error(`it touches ${outside}, outside the repository`)
  const atBase = new Set(
    (await git(dir, ['ls-tree', '-r', '--name-only', instance.base_commit, '--', ...files])).split('\n'),
  )
  const tracked = files.filter((f) => atBase.has(f))
  if (tracked.length) await git(dir, ['checkout', instance.base_commit, '--', ...tracked])
  const extra = files.filter((f) => !atBase.has(f))
  for (const file of extra) await rm(join(dir, file), {recursive: true, force: true})
  await applyPatch(dir, instance.test_patch)
}
