import {OacError} from '../../errors.js'
import {projectRoot} from '../project-root.js'
import {checkpointsFor, findResumed} from '../session-setup.js'
import {SessionNotFoundError, SessionStore} from '../session-store.js'
import type {RestoredFile} from './checkpoints.js'

// `oac agent --rewind [SESSION]`: the project's files put back as they were before the session's first task,
// whatever changed them (edits, bash, ...). Without SESSION, the newest session in this project.

export interface RewindResult {
  sessionId: string
  restored: RestoredFile[]
}

export async function rewindSession(o: {cwd: string; session?: string; dbFile?: string}): Promise<RewindResult> {
  const root = await projectRoot(o.cwd)
  const store = SessionStore.open(o.dbFile)
  let sessionId: string
  try {
    sessionId = findResumed(store, root, o.session ?? 'latest')?.id ?? ''
  } catch (error) {
    if (error instanceof SessionNotFoundError && o.session === undefined)
      throw new SessionNotFoundError(`No agent session in ${root} to rewind.`)
    throw error
  } finally {
    store.close()
  }
  const checkpoints = checkpointsFor(root, o)
  const first = (await checkpoints.list(sessionId))[0]
  if (!first)
    throw new OacError(`Session ${sessionId} has no checkpoint (it ran before checkpoints, or git was missing).`)
  return {sessionId, restored: await checkpoints.restore(first)}
}
