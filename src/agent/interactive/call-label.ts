// One line per tool call and per result, for the terminal: the call's gist (`edit math.js`, `bash $ npm test`,
// `todo 3 items`), never its raw JSON, and the result's first line with a count of the rest. A command that failed
// is a failure (✗ with its last lines), a cancelled one is not a success, and a cut output says it was cut.

const oneLine = (s: string, max: number) => {
  const line = s.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max)}…` : line
}

function parse(args: string): Record<string, unknown> {
  try {
    const value = JSON.parse(args) as unknown
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/** `key=value` pairs of arguments nothing more specific describes, short. */
function argsGist(a: Record<string, unknown>): string {
  return Object.entries(a)
    .map(([k, v]) => {
      if (Array.isArray(v)) return `${k}: ${v.length} item${v.length === 1 ? '' : 's'}`
      if (v && typeof v === 'object') return `${k}: {…}`
      return `${k}=${oneLine(typeof v === 'string' ? JSON.stringify(v) : String(v), 60)}`
    })
    .join(' ')
}

export function callLabel(name: string, args: string): string {
  const a = parse(args)
  const str = (key: string) => (typeof a[key] === 'string' ? (a[key] as string) : undefined)
  const command = str('command')
  if (name === 'bash' && command) return `bash $ ${oneLine(command, 140)}`
  const pattern = str('pattern')
  if (pattern) return `${name} ${JSON.stringify(pattern)}${str('path') ? ` in ${str('path')}` : ''}`
  const query = str('query')
  if (query) return `${name} ${JSON.stringify(oneLine(query, 100))}`
  const path = str('path')
  if (path) return `${name} ${path}${Array.isArray(a.edits) ? ` (${a.edits.length} edits)` : ''}`
  if (name === 'todo' && Array.isArray(a.todos)) return `todo ${a.todos.length} item${a.todos.length === 1 ? '' : 's'}`
  const gist = argsGist(a)
  return gist ? `${name} ${oneLine(gist, 120)}` : name
}

export interface ResultView {
  /** ok ✓, failed ✗ (an error, a failing exit code, a time-out), stopped (cancelled). */
  mark: 'ok' | 'failed' | 'stopped'
  summary: string
  /** The last lines of a failed command's output, to show under its result line. */
  tail: string[]
}

/** How much of the output the model got when the runner cut it, in words; '' when nothing was cut. */
function cutNote(output: string): string {
  const middle = /\[… (\d+) characters cut from the middle of (\d+)/.exec(output)
  if (middle) return `, cut for the model to ${Number(middle[2]) - Number(middle[1])} of ${middle[2]} characters`
  const head = /\[output cut at (\d+) of (\d+) characters/.exec(output)
  if (head) return `, cut for the model to ${head[1]} of ${head[2]} characters`
  const lines = /\[… (\d+) more (\w[\w ]*?) not shown/.exec(output)
  return lines ? `, ${lines[1]} more ${lines[2]} cut` : ''
}

export function resultView(name: string, output: string, isError: boolean): ResultView {
  const lines = output.split('\n').filter((l) => l.trim())
  const status = name === 'bash' ? lines.at(-1) : undefined
  const cut = cutNote(output)
  if (status && /^\[(exit code|timed out|cancelled)/.test(status)) {
    const body = lines.slice(0, -1).filter((l) => !/^\[… \d+ characters cut/.test(l))
    const count = body.length
    const what = `${status.slice(1, -1)}${count ? `, ${count} line${count === 1 ? '' : 's'} of output` : ''}${cut}`
    if (status === '[cancelled]') return {mark: 'stopped', summary: what, tail: []}
    const failed = isError || status !== '[exit code 0]'
    return {mark: failed ? 'failed' : 'ok', summary: what, tail: failed ? body.slice(-5) : []}
  }
  const mark = isError ? 'failed' : 'ok'
  const numbered = name === 'read' ? lines.filter((l) => /^\d+\t/.test(l)).length : 0
  if (numbered) return {mark, summary: `${numbered} line${numbered === 1 ? '' : 's'}${cut}`, tail: []}
  if (!lines.length) return {mark, summary: '(no output)', tail: []}
  const more = lines.length > 1 ? ` (+${lines.length - 1} lines)` : ''
  return {mark, summary: `${oneLine(lines[0] as string, 120)}${more}${cut}`, tail: []}
}
