import {countTokens} from '../../llm/tokenizer.js'

// What the agent would have seen at the commit: the touched files as they were before the change, within a token
// budget. A file that does not fit whole is shown around the lines the change touches (EXCERPT lines either side),
// so every edit's old text is still on screen. Pure.

const EXCERPT = 20

export interface ContextFile {
  path: string
  text: string
  /** 0-based line numbers of the old file the change touches. */
  touched: number[]
}

function excerpt(text: string, touched: number[]): string {
  const lines = text.split('\n')
  const keep = new Set<number>()
  for (const t of touched)
    for (let i = Math.max(0, t - EXCERPT); i <= Math.min(lines.length - 1, t + EXCERPT); i++) keep.add(i)
  const out: string[] = []
  let skipped = 0
  for (const [i, line] of lines.entries()) {
    if (keep.has(i)) {
      if (skipped) out.push(`… (${skipped} lines not shown)`)
      skipped = 0
      out.push(line)
    } else skipped++
  }
  if (skipped) out.push(`… (${skipped} lines not shown)`)
  return out.join('\n')
}

const block = (path: string, text: string) => `### ${path}\n\`\`\`\n${text}${text.endsWith('\n') ? '' : '\n'}\`\`\``

/** The files as one text block of at most `budget` tokens (a file that fits nowhere is named, not shown). */
export function contextBlock(files: ContextFile[], budget: number): string {
  let left = budget
  const parts: string[] = []
  for (const f of files) {
    for (const text of [f.text, excerpt(f.text, f.touched)]) {
      const part = block(f.path, text)
      const tokens = countTokens(part)
      if (tokens <= left) {
        parts.push(part)
        left -= tokens
        break
      }
      if (text !== f.text) parts.push(`### ${f.path}\n(too long to show)`)
    }
  }
  return parts.join('\n\n')
}
