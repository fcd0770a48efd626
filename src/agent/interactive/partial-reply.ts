import type {AgentEvent} from '../events.js'

// What the model had written of a reply the user interrupted: the loop drops a reply that never finished, so the
// next task tells the model it was stopped, and what it was saying, instead of letting it think it had finished.

/** The part of a reply streamed so far (answer text, not reasoning), reset at each finished reply. */
export class PartialReply {
  text = ''

  see(e: AgentEvent): void {
    if (e.type === 'delta' && !e.reasoning) this.text += e.text
    else if (e.type === 'usage' || e.type === 'tool_call') this.text = ''
  }
}

/** The note sent with the next task after an interrupted one. */
export function interruptedNote(partial: string): string {
  const said = partial.trim()
  const tail = said.length > 600 ? `…${said.slice(-600)}` : said
  return said
    ? `[The user interrupted you while you were answering; this part of your answer was never sent: "${tail}". The last task may be unfinished.]`
    : '[The user interrupted your last task before it finished; it may be unfinished.]'
}
