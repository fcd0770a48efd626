import {approvalChoices, approvalKeys, approvalQuestion} from './approval-prompt.js'
import {previewChange} from './edit-preview.js'
import type {AskApproval} from './interactive-approval.js'
import type {Paint} from './paint.js'
import type {PromptUi} from './prompt-ui.js'
import type {TerminalView} from './terminal-view.js'

// The approval question at the terminal: the diff a change would make, what would run, the choices, one key to
// answer. `t` asks for the words to send the model with the no. Esc, Ctrl-C or the end of input answers no.

const EDIT_TOOLS = new Set(['write', 'edit', 'multi_edit'])

export function terminalAsk(o: {root: string; view: TerminalView; ui: PromptUi; paint: Paint}): AskApproval {
  return async (request) => {
    if (EDIT_TOOLS.has(request.tool)) {
      const change = await previewChange(o.root, request)
      if (change) o.view.preview(change)
    }
    const question = `${o.paint('yellow', approvalQuestion(request))}\n${approvalChoices(request)}`
    const key = await o.ui.choose(question, approvalKeys(request))
    o.view.line(
      `${o.paint('yellow', approvalQuestion(request).split('\n').at(-1)?.trim() ?? '')} ${o.paint('dim', `→ ${key ? {y: 'yes', a: 'always', n: 'no', t: 'no, and…'}[key] : 'no'}`)}`,
    )
    if (key === 'y') return 'once'
    if (key === 'a') return 'always'
    if (key !== 't') return 'deny'
    const words = (await o.ui.readFresh('tell it: '))?.trim()
    return words ? {tell: words} : 'deny'
  }
}
