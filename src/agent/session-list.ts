import {homedir} from 'node:os'
import {sep} from 'node:path'
import {stripControls} from '../util/terminal-text.js'
import {projectRoot} from './project-root.js'
import {type AgentSession, SessionStore} from './session-store.js'

// `oac agent sessions list` and the resume picker: the saved sessions, last used first, each named by its first
// prompt so that a person can tell them apart.

/** One line's worth of a session. */
export interface SessionSummary {
  id: string
  /** When it was last used (ISO time). */
  updatedAt: string
  createdAt: string
  /** The first prompt, on one line, cut to `TITLE_WIDTH` columns. */
  title: string
  /** Model requests over all its tasks. */
  turns: number
  /** The model it talks to now (after any /model switch). */
  model: string
  /** The project it works in. */
  root: string
  status: AgentSession['status']
}

const TITLE_WIDTH = 60

/** The first prompt on one line, cut with an ellipsis. */
export function sessionTitle(task: string, width = TITLE_WIDTH): string {
  const line = task.replace(/\s+/g, ' ').trim()
  return line.length > width ? `${line.slice(0, width - 1)}…` : line
}

export function summarize(s: AgentSession): SessionSummary {
  return {
    id: s.id,
    updatedAt: s.updatedAt,
    createdAt: s.createdAt,
    title: sessionTitle(stripControls(s.task)),
    turns: s.turns,
    model: stripControls(s.model),
    root: s.root,
    status: s.status,
  }
}

export interface SessionList {
  /** The project of the current directory (whose sessions are listed without `all`). */
  root: string
  all: boolean
  sessions: SessionSummary[]
}

/** The sessions of the project of `cwd` (every project's with `all`), last used first. */
export async function listSessions(
  cwd: string,
  o: {all?: boolean; limit?: number; dbFile?: string} = {},
): Promise<SessionList> {
  const root = await projectRoot(cwd)
  const store = SessionStore.open(o.dbFile)
  try {
    const sessions = store.list({...(o.all ? {} : {root}), limit: o.limit}).map(summarize)
    return {root, all: !!o.all, sessions}
  } finally {
    store.close()
  }
}

/** `2025-03-04 17:05` in local time. */
export function shortDate(iso: string): string {
  const d = new Date(iso)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`
}

/** The project as a person reads it: `.` for this one, else its path (`~` for the home directory). */
function projectLabel(root: string, here: string, home = homedir()): string {
  if (root === here) return '.'
  return root === home || root.startsWith(`${home}${sep}`) ? `~${root.slice(home.length)}` : root
}

/** A table: id, last used, turns, model, (project with --all), title. */
export function renderSessionList(list: SessionList): string {
  if (!list.sessions.length)
    return list.all
      ? 'No agent sessions yet.'
      : `No agent sessions in ${list.root}; --all lists every project's. oac agent starts one.`
  const rows = list.sessions.map((s) => [
    s.id,
    shortDate(s.updatedAt),
    String(s.turns),
    s.model,
    ...(list.all ? [projectLabel(s.root, list.root)] : []),
    s.title,
  ])
  const head = ['ID', 'LAST USED', 'TURNS', 'MODEL', ...(list.all ? ['PROJECT'] : []), 'FIRST PROMPT']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  const where = list.all ? '' : `\nSessions of ${list.root}; --all lists every project's.`
  return `${[head, ...rows].map(line).join('\n')}${where}\noac agent --resume ID continues one.`
}
