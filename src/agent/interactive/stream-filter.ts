// While a reply streams in, the text is shown as it comes, up to the point where the model starts to print a tool
// call as text (`<tool_call>`, `<function=`, `[TOOL_CALLS]`, a ```json fence): that markup is not for the reader;
// the call shows up as a tool call instead. A chunk may end inside a marker, so a possible start is held back.

const MARKERS = ['<tool_call>', '<function=', '[TOOL_CALLS]', '```json', '<|tool_call']

export class StreamFilter {
  private held = ''
  private stopped = false

  /** The part of `chunk` that can be shown now. */
  push(chunk: string): string {
    if (this.stopped) return ''
    const text = this.held + chunk
    this.held = ''
    const at = Math.min(...MARKERS.map((m) => text.indexOf(m)).filter((i) => i >= 0))
    if (Number.isFinite(at)) {
      this.stopped = true
      return text.slice(0, at)
    }
    // Hold back the longest tail that could begin a marker.
    for (let n = Math.min(text.length, Math.max(...MARKERS.map((m) => m.length)) - 1); n > 0; n--) {
      const tail = text.slice(-n)
      if (MARKERS.some((m) => m.startsWith(tail))) {
        this.held = tail
        return text.slice(0, -n)
      }
    }
    return text
  }

  /** The end of the reply: what is still held back (it was no marker after all). */
  end(): string {
    const rest = this.stopped ? '' : this.held
    this.held = ''
    this.stopped = false
    return rest
  }
}
