import {approvalChoices, approvalQuestion, parseApprovalAnswer} from './approval-prompt.js'
import {previewChange} from './edit-preview.js'
import type {AskApproval} from './interactive-approval.js'
import {CANCELLED} from './line-source.js'
import type {Paint} from './paint.js'
import type {TerminalInput} from './terminal-input.js'
import type {TerminalView} from './terminal-view.js'

// The approval question at the terminal: the diff a change would make, what would run, the choices; asked again
// until the answer is one of them. Ctrl-C (the step aborted) or the end of input answers no.

const EDIT_TOOLS = new Set(['write', 'edit', 'multi_edit'])

export function terminalAsk(o: {
  root: string
  view: TerminalView
  input: TerminalInput
  paint: Paint
  aborted: () => boolean
}): AskApproval {
  return async (request) => {
    if (EDIT_TOOLS.has(request.tool)) {
      const change = await previewChange(o.root, request)
      if (change) o.view.preview(change)
    }
    o.view.line(o.paint('yellow', approvalQuestion(request)))
    for (;;) {
      if (o.aborted()) return 'deny'
      const line = await o.input.read(`${approvalChoices(request)} › `, true)
      if (line === undefined || line === CANCELLED) return 'deny'
      const answer = parseApprovalAnswer(line, request)
      if (answer) return answer
    }
  }
}
