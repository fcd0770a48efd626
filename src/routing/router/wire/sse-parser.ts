// Server-sent events read incrementally from the bytes of an upstream reply, as they arrive (never buffered whole).

export interface SseEvent {
  event?: string
  data: string
}

/** Feed it chunks; it returns the events each chunk completed. */
export class SseParser {
  private pending = ''

  push(chunk: string): SseEvent[] {
    this.pending += chunk
    const out: SseEvent[] = []
    let cut = this.pending.search(/\r?\n\r?\n/)
    while (cut >= 0) {
      const block = this.pending.slice(0, cut)
      this.pending = this.pending.slice(cut + (this.pending[cut] === '\r' ? 4 : 2))
      const event = parseBlock(block)
      if (event) out.push(event)
      cut = this.pending.search(/\r?\n\r?\n/)
    }
    return out
  }
}

function parseBlock(block: string): SseEvent | undefined {
  let event: string | undefined
  const data: string[] = []
  for (const line of block.split(/\r?\n/)) {
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
