import type {ApprovalHook, ApprovalRequest} from '../tools/tool.js'
import type {ApprovalMemory} from './approval-memory.js'

// Approval with a person at the terminal: --yes or an earlier "always" allows without asking; everything else is
// asked. What only a person may allow (a destructive command, a write to .oac/ or git hooks, a read of
// credentials, a command without a sandbox) is asked every time, --yes or not, and never remembered.

/** `tell`: no, with what the person typed for the model. */
export type ApprovalAnswer = 'once' | 'always' | 'deny' | {tell: string}

export type AskApproval = (request: ApprovalRequest) => Promise<ApprovalAnswer>

export function interactiveApproval(o: {yes: boolean; memory: ApprovalMemory; ask: AskApproval}): ApprovalHook {
  return async (request) => {
    if (!request.dangerous && !request.person && (o.yes || o.memory.allows(request))) return true
    const answer = await o.ask(request)
    if (typeof answer === 'object') return {denied: answer.tell}
    if (answer === 'always') o.memory.remember(request)
    return answer !== 'deny'
  }
}
