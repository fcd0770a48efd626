import type {ChatMessage} from '../../llm/types.js'
import {stripControlsDeep} from '../../util/terminal-text.js'
import {callLabel, resultView} from './call-label.js'
import type {Paint} from './paint.js'
import type {TerminalView} from './terminal-view.js'

// A resumed session's conversation shown again before the prompt, as it looked while it ran: the tasks typed, a
// line per tool call and result, the answers. Notes oac added for the model (after /undo, an interruption) and a
// compaction summary are shown as what they are. The stored text is the model's and the tools': its escape sequences
// are removed before it is shown.

const MAX_REPLAYED = 60

export function replayHistory(messages: ChatMessage[], view: TerminalView, paint: Paint): void {
  if (!messages.length) return
  const shown = stripControlsDeep(messages.slice(-MAX_REPLAYED))
  view.notice(
    `── earlier in this session${shown.length < messages.length ? ` (the last ${shown.length} of ${messages.length} messages)` : ''} ──`,
  )
  const names = new Map<string, string>()
  for (const m of shown) {
    if (m.role === 'user' && typeof m.content === 'string') {
      const [task, summary] = m.content.split('\n\n[Earlier work in this session, summarized to save context]\n')
      view.line(`${paint('bold', '>')} ${task?.replace(/\n/g, '\n  ')}`)
      if (summary) view.notice(`  (summary of earlier turns) ${summary.replace(/\s+/g, ' ').slice(0, 300)}`)
    } else if (m.role === 'assistant') {
      const text = typeof m.content === 'string' ? m.content.trim() : ''
      if (text) view.line(text)
      for (const call of m.tool_calls ?? []) {
        if (call.type !== 'function') continue
        names.set(call.id, call.function.name)
        view.line(`${paint('cyan', '●')} ${paint('bold', callLabel(call.function.name, call.function.arguments))}`)
      }
    } else if (m.role === 'tool') {
      const text = typeof m.content === 'string' ? m.content : ''
      const r = resultView(names.get(m.tool_call_id) ?? '', text, /^(Refused|Denied)/.test(text))
      const mark = {ok: paint('green', '✓'), failed: paint('red', '✗'), stopped: paint('yellow', '⊘')}[r.mark]
      view.line(`  ${paint('dim', '⎿')} ${mark} ${r.summary}`)
    }
  }
  view.notice('── now ──')
}
