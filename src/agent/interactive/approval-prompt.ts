import type {ApprovalRequest} from '../tools/tool.js'
import {memoryKey} from './approval-memory.js'
import type {ApprovalAnswer} from './interactive-approval.js'

// The question asked before a change or a command, and how its answer is read.

/** The choices line: `[y] allow once  [a] always allow bash npm  [n] deny` (no "always" for denylisted commands). */
export function approvalChoices(request: ApprovalRequest): string {
  const key = memoryKey(request)
  const always = key ? `  [a] always allow ${key}` : ''
  return `[y] allow once${always}  [n] deny`
}

/** The line above the choices: what would run or change. */
export function approvalQuestion(request: ApprovalRequest): string {
  const command = typeof request.args?.command === 'string' ? request.args.command : request.summary
  const why = request.reason ? `⚠ Asked because ${request.reason}.\n` : ''
  if (request.tool === 'bash') return `${why}Run this command?\n  $ ${command}`
  const path = request.args?.path
  return `${why}${typeof path === 'string' ? `Allow ${request.tool} on ${path}?` : `Allow ${request.tool} ${request.summary}?`}`
}

/** The answer a typed line gives, or undefined when it is none of them. */
export function parseApprovalAnswer(line: string, request: ApprovalRequest): ApprovalAnswer | undefined {
  const word = line.trim().toLowerCase()
  if (word === 'y' || word === 'yes') return 'once'
  if (word === 'n' || word === 'no') return 'deny'
  if ((word === 'a' || word === 'always') && memoryKey(request)) return 'always'
  return undefined
}
