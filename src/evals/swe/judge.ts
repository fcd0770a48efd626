import {rm} from 'node:fs/promises'
import {join} from 'node:path'
import type {SweInstance} from './dataset.js'
import {git} from './git.js'
import {applyPatch, patchedFiles} from './model-patch.js'
import {runTests} from './run-tests.js'
import {runShell} from './shell.js'
import {checkout} from './workspace.js'

// SWE-bench's judging: the model patch goes onto a fresh checkout of base_commit; the files test_patch touches are
// reset to their test_patch version (edits to tests do not count); then FAIL_TO_PASS and PASS_TO_PASS run.
// Resolved = every FAIL_TO_PASS passes and every PASS_TO_PASS still passes.

export type SweStatus = 'resolved' | 'unresolved' | 'empty_patch' | 'error'

export interface Verdict {
  status: SweStatus
  reason?: string
  /** Test id -> passed, for the listed tests (absent when the tests did not run). */
  failToPass?: Record<string, boolean>
  passToPass?: Record<string, boolean>
  /** The runner's output, for the trace. */
  log?: string
}

export interface JudgeOptions {
  source: string
  workRoot: string
  timeoutMs: number
  signal?: AbortSignal
}

/** Runs `setup_cmd` in `dir`; returns the reason when it fails. */
export async function runSetup(instance: SweInstance, dir: string, timeoutMs: number, signal?: AbortSignal) {
  if (!instance.setup_cmd) return undefined
  const r = await runShell(instance.setup_cmd, {cwd: dir, timeoutMs, signal})
  if (r.exitCode === 0) return undefined
  const tail = r.all.trim().split('\n').slice(-2).join(' ')
  return r.timedOut ? `setup timed out after ${timeoutMs / 1000} s` : `setup failed (exit ${r.exitCode}): ${tail}`
}

export async function judge(instance: SweInstance, patch: string, o: JudgeOptions): Promise<Verdict> {
  if (!patch.trim()) return {status: 'empty_patch', reason: 'the agent changed no file'}
  let ws: Awaited<ReturnType<typeof checkout>>
  try {
    ws = await checkout(o.source, instance.base_commit, o.workRoot)
  } catch (error) {
    return {status: 'error', reason: `checkout failed: ${(error as Error).message}`}
  }
  try {
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
    const setupFailed = await runSetup(instance, ws.dir, o.timeoutMs, o.signal)
    if (setupFailed) return {status: 'error', reason: setupFailed}
    const ids = [...instance.FAIL_TO_PASS, ...instance.PASS_TO_PASS]
    const run = await runTests(instance.test_cmd, ids, {
      cwd: ws.dir,
      timeoutMs: o.timeoutMs,
      ...(o.signal ? {signal: o.signal} : {}),
    })
    if (!run.ok) return {status: 'error', reason: run.reason, log: run.log}
    const pick = (list: string[]) => Object.fromEntries(list.map((id) => [id, run.verdicts.get(id) === true]))
    const failToPass = pick(instance.FAIL_TO_PASS)
    const passToPass = pick(instance.PASS_TO_PASS)
    const failed = [...Object.entries(failToPass), ...Object.entries(passToPass)].filter(([, ok]) => !ok)
    return {
      status: failed.length ? 'unresolved' : 'resolved',
      ...(failed.length ? {reason: `failing: ${failed.map(([id]) => id).join(', ')}`} : {}),
      failToPass,
      passToPass,
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
