import {SessionStore} from './session-store.js'

// `oac agent sessions prune|delete`: sessions keep every prompt and tool output, so the user decides how long.

/** `30d`, `12h`, `90m` as milliseconds; undefined for anything else. */
export function parseAge(text: string): number | undefined {
  const m = /^(\d+)\s*([dhm])$/.exec(text.trim())
  if (!m) return undefined
  return Number(m[1]) * {d: 86_400_000, h: 3_600_000, m: 60_000}[m[2] as 'd' | 'h' | 'm']
}

export function pruneSessions(olderThanMs: number, dbFile?: string, now = Date.now()) {
  const store = SessionStore.open(dbFile)
  try {
    const before = new Date(now - olderThanMs).toISOString()
    return {deleted: store.prune(before), before}
  } finally {
    store.close()
  }
}

export function deleteSessions(ids: string[], dbFile?: string) {
  const store = SessionStore.open(dbFile)
  try {
    return {deleted: store.delete(ids)}
  } finally {
    store.close()
  }
}
