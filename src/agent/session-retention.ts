import {dirname} from 'node:path'
import {oacHome} from '../paths.js'
import {Checkpoints} from './checkpoints/checkpoints.js'
import {type AgentSession, SessionStore} from './session-store.js'

// `oac agent sessions prune|delete`: sessions keep every prompt and tool output, so the user decides how long. A
// deleted session leaves nothing behind: its rows are zeroed in the database file (secure_delete), and its
// checkpoints (the project's files as it saw them) go from the checkpoint store, the whole store with the project's
// last session.

/** `30d`, `12h`, `90m` as milliseconds; undefined for anything else. */
export function parseAge(text: string): number | undefined {
  const m = /^(\d+)\s*([dhm])$/.exec(text.trim())
  if (!m) return undefined
  return Number(m[1]) * {d: 86_400_000, h: 3_600_000, m: 60_000}[m[2] as 'd' | 'h' | 'm']
}

async function forgetCheckpoints(gone: AgentSession[], store: SessionStore, dbFile: string | undefined) {
  const home = dbFile ? dirname(dbFile) : oacHome()
  for (const s of gone) {
    const checkpoints = Checkpoints.for(s.root, home)
    if (store.hasSessions(s.root)) await checkpoints.forget(s.id)
    else await checkpoints.remove()
  }
}

export async function pruneSessions(olderThanMs: number, dbFile?: string, now = Date.now()) {
  const store = SessionStore.open(dbFile)
  try {
    const before = new Date(now - olderThanMs).toISOString()
    const gone = store.prune(before)
    await forgetCheckpoints(gone, store, dbFile)
    return {deleted: gone.length, before}
  } finally {
    store.close()
  }
}

export async function deleteSessions(ids: string[], dbFile?: string) {
  const store = SessionStore.open(dbFile)
  try {
    const gone = store.delete(ids)
    await forgetCheckpoints(gone, store, dbFile)
    return {deleted: gone.length}
  } finally {
    store.close()
  }
}
