import {displayPath} from '../tools/project-path.js'
import type {InteractiveSession} from './interactive-session.js'
import {type SlashName, slashHelp} from './slash-command.js'
import {formatTools} from './tool-list.js'

// What each slash command does to the session; each returns the text to print.

export interface SlashContext {
  session: InteractiveSession
  signal: AbortSignal
}

type Action = (arg: string, c: SlashContext) => Promise<string> | string

const ACTIONS: Record<Exclude<SlashName, 'exit'>, Action> = {
  help: (_arg, {session}) => {
    const custom = session.commands.map((c) => `  /${c.name}  ${c.description}`)
    const own = custom.length
      ? `\nCustom commands (.oac/commands/*.md, $ARGUMENTS is what follows):\n${custom.join('\n')}`
      : ''
    return `${slashHelp()}${own}\nAnything else is a task for the model. Ctrl-C stops a running task; twice at an empty prompt quits.`
  },
  model: (arg, {session}) => (arg ? session.switchModel(arg) : `Model: ${session.model}.`),
  clear: (_arg, {session}) => {
    session.clear()
    return 'New session: the next task starts a fresh conversation.'
  },
  compact: (_arg, {session, signal}) => session.compact(signal),
  undo: async (_arg, {session}) => {
    const restored = await session.undo()
    if (!restored.length) return 'Nothing to undo: the last task changed no files.'
    const lines = restored.map(
      (r) => `  ${displayPath(session.root, r.path)}${r.deleted ? ' (deleted, it was new)' : ''}`,
    )
    return `Restored ${restored.length} file${restored.length === 1 ? '' : 's'}:\n${lines.join('\n')}`
  },
  tools: (_arg, {session}) => formatTools(session.tools),
  cost: (_arg, {session}) => `${session.id ? `Session ${session.id}` : 'No session yet'}\n${session.cost.format()}`,
}

export function runSlashAction(name: Exclude<SlashName, 'exit'>, arg: string, c: SlashContext): Promise<string> {
  return Promise.resolve(ACTIONS[name](arg, c))
}
