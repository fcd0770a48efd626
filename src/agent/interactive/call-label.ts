// One line per tool call and per result, for the terminal: the call's gist (`edit math.js`, `bash $ npm test`)
// and the result's first line with a count of the rest.

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

export function callLabel(name: string, args: string): string {
  const a = parse(args)
  const str = (key: string) => (typeof a[key] === 'string' ? (a[key] as string) : undefined)
  const command = str('command')
  if (name === 'bash' && command) return `bash $ ${oneLine(command, 140)}`
  const pattern = str('pattern')
  if (pattern) return `${name} ${JSON.stringify(pattern)}${str('path') ? ` in ${str('path')}` : ''}`
  const path = str('path')
  if (path) return `${name} ${path}${Array.isArray(a.edits) ? ` (${a.edits.length} edits)` : ''}`
  return `${name} ${oneLine(args, 120)}`
}

export function resultSummary(name: string, output: string): string {
  const lines = output.split('\n').filter((l) => l.trim())
  const status = name === 'bash' ? lines.at(-1) : undefined
  if (status && /^\[(exit code|timed out|cancelled)/.test(status)) {
    const count = lines.length - 1
    return `${status.slice(1, -1)}${count ? `, ${count} line${count === 1 ? '' : 's'} of output` : ''}`
  }
  const numbered = name === 'read' ? lines.filter((l) => /^\d+\t/.test(l)).length : 0
  if (numbered) return `${numbered} line${numbered === 1 ? '' : 's'}`
  if (!lines.length) return '(no output)'
  const more = lines.length > 1 ? ` (+${lines.length - 1} lines)` : ''
  return `${oneLine(lines[0] as string, 120)}${more}`
}
