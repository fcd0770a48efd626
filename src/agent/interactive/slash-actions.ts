import {restoredLines, shownPath} from '../checkpoints/render-rewind.js'
import type {InteractiveSession} from './interactive-session.js'
import {type SlashName, slashHelp} from './slash-command.js'
import type {UndoReport} from './task-undo.js'
import type {TerminalView} from './terminal-view.js'
import {formatTools} from './tool-list.js'

// What each slash command does to the session; each returns the text to print.

export interface SlashContext {
  session: InteractiveSession
  signal: AbortSignal
  /** The terminal's view (for the context gauge of /cost), when there is one. */
  view?: TerminalView
}

type Action = (arg: string, c: SlashContext) => Promise<string> | string

const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`

/** What /undo did: what came back, what was kept and why, and what cannot be undone. */
export function renderUndo(r: UndoReport, root: string): string {
  const list = (paths: string[]) => paths.map((p) => `  ${p}`)
  const shown = (paths: string[]) => list(paths.map(shownPath))
  const out: string[] = []
  const restoredFiles = r.restored.filter((f) => !f.gitDir).length
  if (r.restored.length)
    out.push(`Restored ${files(restoredFiles)} the agent changed:`, ...list(restoredLines(r.restored, root)))
  if (r.keptConflicts.length)
    out.push(
      r.restored.length
        ? 'Kept, changed again since the task (/undo all puts them back too):'
        : `Nothing restored: ${r.keptConflicts.length === 1 ? 'the file the agent changed was' : `the ${files(r.keptConflicts.length)} the agent changed were`} changed again since the task, and your version is kept (/undo all puts back the agent's starting point):`,
      ...shown(r.keptConflicts),
    )
  if (r.keptOthers.length) out.push('Kept, changed since the task began but not by the agent:', ...shown(r.keptOthers))
  if (r.unrecordedCommands)
    out.push(
      `Not undone: whatever the task's ${r.unrecordedCommands === 1 ? 'command' : `${r.unrecordedCommands} commands`} (bash) changed. No checkpoint could be saved for this task (is git installed?), so only the files the agent's own tools wrote can be put back.`,
    )
  if (!out.length) return 'Nothing to undo: the last task changed no files.'
  if (r.restored.length && r.checkpointed) out.push('/redo puts back the state before this undo.')
  return out.join('\n')
}

/** /permissions: the "always" answers of this session; `revoke RULE` or `revoke all` takes them back. */
function permissions(arg: string, session: InteractiveSession): string {
  const [verb, ...rest] = arg.split(/\s+/).filter(Boolean)
  if (verb === 'revoke') {
    const rule = rest.join(' ')
    const gone = rule ? session.memory.revoke(rule) : []
    return gone.length ? `Revoked: ${gone.join(', ')}.` : `No grant \`${rule}\`; /permissions lists them.`
  }
  if (verb) return 'Usage: /permissions, /permissions revoke RULE, /permissions revoke all.'
  const grants = session.memory.entries
  if (!grants.length) return 'No "always" answers in this session: every change and command asks first.'
  return `Allowed without asking for the rest of this session ("always" answers):\n${grants.map((g) => `  ${g}`).join('\n')}\n/permissions revoke RULE (or all) takes one back; /clear forgets them all.`
}

const ACTIONS: Record<Exclude<SlashName, 'exit'>, Action> = {
  help: (_arg, {session}) => {
    const custom = session.commands.map((c) => `  /${c.name}  ${c.description}`)
    const own = custom.length
      ? `\nCustom commands (.oac/commands/*.md, $ARGUMENTS is what follows):\n${custom.join('\n')}`
      : ''
    return `${slashHelp()}${own}\nAnything else is a task for the model. Ctrl-C stops a running task; twice at an empty prompt quits.`
  },
  model: (arg, {session}) => (arg ? session.switchModel(arg) : session.describeModels()),
  permissions: (arg, {session}) => permissions(arg, session),
  clear: (_arg, {session}) => {
    session.clear()
    return 'New session: the next task starts a fresh conversation.'
  },
  compact: (_arg, {session, signal}) => session.compact(signal),
  undo: async (arg, {session}) => renderUndo(await session.undo(arg.trim() === 'all'), session.root),
  redo: async (_arg, {session}) => {
    const restored = await session.redo()
    if (!restored.length) return 'Nothing to redo: no /undo to take back.'
    const files = restored.filter((f) => !f.gitDir).length
    return `Put back ${files} file${files === 1 ? ' as it was' : 's as they were'} before /undo:\n${restoredLines(
      restored,
      session.root,
    )
      .map((l) => `  ${l}`)
      .join('\n')}`
  },
  tools: (_arg, {session}) => formatTools(session.tools),
  cost: (_arg, {session, view}) => {
    const gauge = view?.contextGauge()
    return `${session.id ? `Session ${session.id}` : 'No session yet'}\n${session.cost.format()}${gauge ? `\n${gauge.replace(/^context /, 'context: ')}` : ''}`
  },
  plan: (arg, {session}) => {
    const on = arg === 'off' ? false : arg === 'on' ? true : !session.planMode
    session.setPlanMode(on)
    return on
      ? 'Plan mode: the model reads and answers with a plan; nothing is changed. You are asked to carry out each plan. /plan again leaves.'
      : 'Plan mode off: changes and commands are back (with approval).'
  },
}

export function runSlashAction(name: Exclude<SlashName, 'exit'>, arg: string, c: SlashContext): Promise<string> {
  return Promise.resolve(ACTIONS[name](arg, c))
}
