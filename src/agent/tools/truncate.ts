// Caps on what a tool sends back, so one result cannot fill the context. Every cut says so and how to see more.

/** Keeps the first `head` and last `tail` characters of a long text, with a line saying how much was cut. */
export function headTail(text: string, max = 16_000, hint = ''): string {
  if (text.length <= max) return text
  // A quarter for the head, the rest for the tail, both cut at line ends where there are any.
  let head = text.slice(0, Math.floor(max / 4))
  let tail = text.slice(text.length - (max - head.length))
  if (head.includes('\n')) head = head.slice(0, head.lastIndexOf('\n') + 1)
  if (tail.includes('\n')) tail = tail.slice(tail.indexOf('\n') + 1)
  const cut = text.length - head.length - tail.length
  const note = `[… ${cut} characters cut from the middle of ${text.length}${hint ? `; ${hint}` : ''} …]`
  return `${head}${head.endsWith('\n') ? '' : '\n'}${note}\n${tail}`
}

/** Keeps the first `max` lines, with a line saying how many more there were. */
export function firstLines(lines: string[], max: number, what: string, hint: string): string {
  if (lines.length <= max) return lines.join('\n')
  return `${lines.slice(0, max).join('\n')}\n[… ${lines.length - max} more ${what} not shown; ${hint}]`
}
