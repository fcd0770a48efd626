import {deniedReason} from '../tools/denylist.js'
import type {ApprovalHook, ApprovalRequest} from '../tools/tool.js'
import type {ApprovalMemory} from './approval-memory.js'

// Approval with a person at the terminal: --yes or an earlier "always" allows without asking; everything else is
// asked. A denylisted command is always asked, --yes or not, and its answer is never remembered.

export type ApprovalAnswer = 'once' | 'always' | 'deny'

export type AskApproval = (request: ApprovalRequest) => Promise<ApprovalAnswer>

export function interactiveApproval(o: {yes: boolean; memory: ApprovalMemory; ask: AskApproval}): ApprovalHook {
  return async (request) => {
    if (!request.dangerous) {
      if (o.yes || o.memory.allows(request)) return true
      // A denylisted command is asked about once, by the bash tool itself, as dangerous.
      const command = request.args?.command
      if (request.tool === 'bash' && typeof command === 'string' && deniedReason(command)) return true
    }
    const answer = await o.ask(request)
    if (answer === 'always') o.memory.remember(request)
    return answer !== 'deny'
  }
}
