import {showControls} from '../../util/terminal-text.js'
import type {ApprovalRequest} from '../tools/tool.js'
import {memoryKey} from './approval-memory.js'

// The question asked before a change or a command, answered with one key. What the model chose (the command, a path)
// is shown with its control characters visible (`\r`, `\e[2K`): a carriage return and a line erase must not make
// `touch X # \r\e[2Knpm test` look like `npm test`.

/** The choices line: `[y] yes  [a] always allow bash(npm:*)  [n] no  [t] no, and tell it…` (no "always" for denylisted commands). */
export function approvalChoices(request: ApprovalRequest): string {
  const key = memoryKey(request)
  const always = key ? `  [a] always allow ${showControls(key)}` : ''
  return `[y] yes${always}  [n] no  [t] no, and tell it what to do instead  (Esc: no)`
}

/** The keys that answer the question. */
export function approvalKeys(request: ApprovalRequest): string[] {
  return memoryKey(request) ? ['y', 'a', 'n', 't'] : ['y', 'n', 't']
}

/** The line above the choices: what would run or change. */
export function approvalQuestion(request: ApprovalRequest): string {
  const command = typeof request.args?.command === 'string' ? request.args.command : request.summary
  const why = request.reason ? `⚠ Asked because ${showControls(request.reason)}.\n` : ''
  if (request.tool === 'bash') return `${why}Run this command?\n  $ ${showControls(command).replace(/\n/g, '\n    ')}`
  const path = request.args?.path
  const what = typeof path === 'string' ? `on ${path}` : request.summary
  return `${why}Allow ${showControls(request.tool)} ${showControls(what)}?`
}
