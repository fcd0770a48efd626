import {OacError} from '../../errors.js'
import {projectRoot} from '../project-root.js'
import {checkpointsFor, findResumed} from '../session-setup.js'
import {SessionNotFoundError, SessionStore} from '../session-store.js'
import type {Checkpoints, RestoredFile} from './checkpoints.js'
import {applyRestore, keptPaths, planRestore, restoring} from './restore-plan.js'
import {GIT_DIR, taskRecords} from './task-changes.js'

// `oac agent --rewind [SESSION]`: what the agent changed during the session's tasks (the paths recorded as it worked)
// put back as it was before, decided as /undo decides for one task (restore-plan.ts). Files changed again after the
// agent changed them are listed and kept unless the person confirms (or --rewind-all); anything else changed since
// is listed and never touched. The state just before the rewind is saved, and `--undo-rewind` puts it back.

/** Whether the kept files were put back too, and why. */
export type KeptAnswer = 'all' | 'yes' | 'no' | 'not-asked'

export interface RewindResult {
  sessionId: string
  restored: RestoredFile[]
  /** Paths the agent changed that were changed again since (or during a task that never ended): kept. */
  kept: string[]
  /** Paths changed since the session's first task began, not by the agent: never touched. */
  others: string[]
  answer: KeptAnswer
  /** The state saved just before the rewind (when something was put back). */
  before?: string
}

interface SessionOptions {
  cwd: string
  session?: string
  dbFile?: string
}

/** The session (default: the newest in this project) and its project's checkpoint store. */
async function openSession(o: SessionOptions, verb: string): Promise<{sessionId: string; checkpoints: Checkpoints}> {
  const root = await projectRoot(o.cwd)
  const store = SessionStore.open(o.dbFile)
  try {
    return {sessionId: findResumed(store, root, o.session ?? 'latest')?.id ?? '', checkpoints: checkpointsFor(root, o)}
  } catch (error) {
    if (error instanceof SessionNotFoundError && o.session === undefined)
      throw new SessionNotFoundError(`No agent session in ${root} to ${verb}.`)
    throw error
  } finally {
    store.close()
  }
}

export async function rewindSession(
  o: SessionOptions & {all?: boolean; confirm?: (kept: string[]) => Promise<boolean>},
): Promise<RewindResult> {
  const {sessionId, checkpoints} = await openSession(o, 'rewind')
  const tasks = await taskRecords(checkpoints, sessionId)
  if (!tasks.length)
    throw new OacError(`Session ${sessionId} has no checkpoint (it ran before checkpoints, or git was missing).`)
  const [files, gitDir] = await Promise.all([checkpoints.snapshot(), checkpoints.snapshotGitDir()])
  const plan = await planRestore(checkpoints, tasks, {files, gitDir})
  const kept = keptPaths(plan)
  let answer: KeptAnswer = o.all ? 'all' : 'not-asked'
  if (kept.length && !o.all && o.confirm) answer = (await o.confirm(kept)) ? 'yes' : 'no'
  const all = answer === 'all' || answer === 'yes'
  const result = {sessionId, kept: all ? [] : kept, others: plan.others, answer}
  const paths = restoring(plan, all)
  if (!paths.length) return {...result, restored: []}
  const before = await checkpoints.save(sessionId, 'before --rewind', {restored: JSON.stringify(paths)})
  return {...result, restored: await applyRestore(checkpoints, plan, all), before}
}

/** `oac agent --undo-rewind [SESSION]`: the files the session's last --rewind put back, as they were before it. */
export async function undoRewind(o: SessionOptions): Promise<{sessionId: string; restored: RestoredFile[]}> {
  const {sessionId, checkpoints} = await openSession(o, 'undo a rewind of')
  const saved = await checkpoints.saved(sessionId)
  const last = saved.filter((s) => s.label === 'before --rewind' || s.label === 'rewind undone').at(-1)
  if (last?.label !== 'before --rewind')
    throw new OacError(
      last
        ? `The last --rewind of session ${sessionId} was undone already.`
        : `Session ${sessionId} was never rewound: nothing to undo.`,
    )
  const paths: string[] = JSON.parse(last.trailers.restored ?? '[]')
  await checkpoints.save(sessionId, 'rewind undone', {undid: last.commit})
  const restored = await checkpoints.restorePaths(
    last.commit,
    paths.filter((p) => p !== GIT_DIR),
  )
  if (paths.includes(GIT_DIR)) restored.push(...(await checkpoints.restoreGitDir(last.commit)))
  return {sessionId, restored}
}
