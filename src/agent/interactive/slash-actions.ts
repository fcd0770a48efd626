import {displayPath} from '../tools/project-path.js'
import type {InteractiveSession} from './interactive-session.js'
import {type SlashName, slashHelp} from './slash-command.js'
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
  undo: async (arg, {session}) => {
    const r = await session.undo(arg.trim() === 'all')
    const rel = (p: string) => displayPath(session.root, p)
    if (!r.restored.length && !r.keptConflicts.length) return 'Nothing to undo: the last task changed no files.'
    const out = [
      `Restored ${r.restored.length} file${r.restored.length === 1 ? '' : 's'} the agent changed:`,
      ...r.restored.map((f) => `  ${rel(f.path)}${f.deleted ? ' (deleted: the agent created it)' : ''}`),
    ]
    if (r.keptConflicts.length)
      out.push(
        'Kept, changed again since the task (/undo all puts them back too):',
        ...r.keptConflicts.map((p) => `  ${p}`),
      )
    if (r.keptOthers.length)
      out.push('Kept, changed since the task began but not by the agent:', ...r.keptOthers.map((p) => `  ${p}`))
    if (r.restored.length) out.push('/redo puts back the state before this undo.')
    return out.join('\n')
  },
  redo: async (_arg, {session}) => {
    const restored = await session.redo()
    if (!restored.length) return 'Nothing to redo: no /undo to take back.'
    return `Put back ${restored.length} file${restored.length === 1 ? '' : 's'} as they were before /undo:\n${restored.map((f) => `  ${displayPath(session.root, f.path)}`).join('\n')}`
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
