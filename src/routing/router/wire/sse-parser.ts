// Server-sent events read incrementally from the bytes of an upstream reply, as they arrive (never buffered whole).
// Hot path: every upstream chunk passes here, so it scans with indexOf (no regex per chunk) and reads the usual
// one-line `data: ...` block without splitting it into lines.

export interface SseEvent {
  event?: string
  data: string
}

/** Feed it chunks; it returns the events each chunk completed. */
export class SseParser {
  private pending = ''
  /** Where to resume looking for a block end in `pending` (two back: a held CR may vanish into a CRLF). */
  private scanned = 0

  push(chunk: string): SseEvent[] {
    let text = this.pending ? this.pending + chunk : chunk
    // CRLF line ends become LF; a CR that ends the chunk waits for its LF in the next one.
    if (chunk.includes('\r') || this.pending.endsWith('\r')) text = text.replace(/\r\n/g, '\n')
    const out: SseEvent[] = []
    let start = 0
    let cut = text.indexOf('\n\n', this.scanned)
    while (cut >= 0) {
      const event = parseBlock(text, start, cut)
      if (event) out.push(event)
      start = cut + 2
      cut = text.indexOf('\n\n', start)
    }
    this.pending = start === 0 ? text : text.slice(start)
    this.scanned = Math.max(0, this.pending.length - 2)
    return out
  }
}

/** The event in `text[from, to)`: its `data` lines joined by newlines, its `event` name; comments skipped. */
function parseBlock(text: string, from: number, to: number): SseEvent | undefined {
  if (text.startsWith('data: ', from)) {
    const newline = text.indexOf('\n', from)
    if (newline < 0 || newline >= to) return {data: text.slice(from + 6, to)}
  }
  let event: string | undefined
  const data: string[] = []
  for (const line of text.slice(from, to).split('\n')) {
    if (line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1))
    if (field === 'data') data.push(value)
    else if (field === 'event') event = value
  }
  if (!data.length) return undefined
  return event ? {event, data: data.join('\n')} : {data: data.join('\n')}
}

/** One SSE frame. */
export function sseFrame(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`
}
