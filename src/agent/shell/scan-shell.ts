// The first pass over a shell command, before words are split: where one line ends (unquoted newlines; a heredoc's
// body is not a command), and which parts run as commands of their own ($(...), `...`, <(...), >(...)). Quotes
// and backslashes are honoured, so `echo 'a; b'` is one line and `echo '$(id)'` substitutes nothing.

export interface ShellScan {
  /** Logical lines: split at unquoted newlines, line continuations joined, heredoc bodies left out. */
  lines: string[]
  /** The text of every command substitution and process substitution, outermost first. */
  substitutions: string[]
  /** A quote that is never closed (bash would refuse the command). */
  unterminated: boolean
  heredoc: boolean
  /** The bodies of the heredocs, in the order they appear. */
  heredocs: string[]
}

const HEREDOC = /<<-?\s*(['"]?)([\w.-]+)\1/

/** The index of the `)` that closes the `(` at `open`, or -1. */
function closingParen(text: string, open: number): number {
  let depth = 0
  let quote: string | undefined
  for (let i = open; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === quote) quote = undefined
      else if (c === '\\' && quote === '"') i++
      continue
    }
    if (c === '\\') i++
    else if (c === "'" || c === '"') quote = c
    else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return i
  }
  return -1
}

export function scanShell(command: string): ShellScan {
  const scan: ShellScan = {lines: [], substitutions: [], unterminated: false, heredoc: false, heredocs: []}
  let line = ''
  let body: string[] = []
  let quote: "'" | '"' | undefined
  let heredocEnd: {word: string; strip: boolean} | undefined
  const raw = command.split('')
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!
    if (heredocEnd) {
      // Inside a heredoc body: skip whole lines until the terminator.
      const end = command.indexOf('\n', i)
      const bodyLine = command.slice(i, end === -1 ? undefined : end)
      if ((heredocEnd.strip ? bodyLine.replace(/^\t+/, '') : bodyLine) === heredocEnd.word) {
        heredocEnd = undefined
        scan.heredocs.push(body.join('\n'))
        body = []
      } else body.push(bodyLine)
      i = end === -1 ? raw.length : end
      continue
    }
    if (quote === "'") {
      line += c
      if (c === "'") quote = undefined
      continue
    }
    if (c === '\\') {
      if (raw[i + 1] === '\n') {
        i++
        continue
      }
      line += c + (raw[i + 1] ?? '')
      i++
      continue
    }
    if (c === '"') quote = quote === '"' ? undefined : '"'
    else if (c === "'" && !quote) quote = "'"
    const substitution =
      (c === '$' && raw[i + 1] === '(' && raw[i + 2] !== '(') ||
      (!quote && (c === '<' || c === '>') && raw[i + 1] === '(')
    if (substitution) {
      const close = closingParen(command, i + 1)
      scan.substitutions.push(command.slice(i + 2, close === -1 ? undefined : close))
      if (close === -1) scan.unterminated = true
    } else if (c === '`') {
      const close = command.indexOf('`', i + 1)
      scan.substitutions.push(command.slice(i + 1, close === -1 ? undefined : close))
      if (close === -1) scan.unterminated = true
      line += command.slice(i, close === -1 ? undefined : close + 1)
      i = close === -1 ? raw.length : close
      continue
    }
    if (c === '\n' && !quote) {
      const h = HEREDOC.exec(line)
      if (h) {
        scan.heredoc = true
        heredocEnd = {word: h[2]!, strip: line.includes('<<-')}
      }
      scan.lines.push(line)
      line = ''
      continue
    }
    line += c
  }
  if (heredocEnd) scan.heredocs.push(body.join('\n'))
  if (quote) scan.unterminated = true
  if (HEREDOC.test(line)) scan.heredoc = true
  if (line.trim()) scan.lines.push(line)
  return scan
}
