import type {Chunk} from './types.js'

// Text without a grammar is cut into windows of lines; markdown at its headings first, so a section is one chunk
// named after its heading.

export const WINDOW_LINES = 50

/** Windows of at most WINDOW_LINES over rows [from, to] (0-based, inclusive); windows with no word are dropped. */
export function lineWindows(
  path: string,
  lines: string[],
  from: number,
  to: number,
  symbol = '',
  kind = 'lines',
): Chunk[] {
  const out: Chunk[] = []
  for (let start = from; start <= to; start += WINDOW_LINES) {
    const end = Math.min(to, start + WINDOW_LINES - 1)
    const text = lines.slice(start, end + 1).join('\n')
    if (!/[\p{L}\p{N}]/u.test(text)) continue
    out.push({path, symbol, kind, signature: '', startLine: start + 1, endLine: end + 1, text})
  }
  return out
}

/** Markdown sections: each heading starts a chunk named after it (outside fenced code blocks). */
export function markdownChunks(path: string, lines: string[]): Chunk[] {
  const starts: {row: number; title: string}[] = [{row: 0, title: ''}]
  let fenced = false
  lines.forEach((line, row) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced
    const heading = !fenced && /^#{1,6}\s+(.*)$/.exec(line)
    if (heading && row > 0) starts.push({row, title: heading[1]?.trim() ?? ''})
    else if (heading && row === 0) starts[0] = {row: 0, title: heading[1]?.trim() ?? ''}
  })
  return starts.flatMap((s, i) => {
    const end = (starts[i + 1]?.row ?? lines.length) - 1
    return lineWindows(path, lines, s.row, end, s.title, s.title ? 'section' : 'lines')
  })
}
