import wrapAnsi from 'wrap-ansi'
import type {Paint} from './paint.js'

// Markdown as a terminal shows it, one line at a time (a reply streams in line by line): headings bold, list bullets,
// **bold**, `code` and fenced code blocks set apart, every line word-wrapped to the terminal width with the
// indent of its list item kept. Not a full CommonMark renderer: what models write in answers.

export class MarkdownLines {
  private inFence = false

  constructor(
    private readonly paint: Paint,
    private readonly width: () => number,
  ) {}

  /** A new reply: no code block open. */
  reset(): void {
    this.inFence = false
  }

  /** One finished line of markdown as terminal rows (already wrapped), joined with newlines. */
  line(raw: string): string {
    const width = Math.max(20, this.width() - 1)
    if (/^\s*(```|~~~)/.test(raw)) {
      this.inFence = !this.inFence
      return this.paint('dim', raw.trim())
    }
    if (this.inFence) return this.paint('cyan', `  ${raw}`)
    const heading = /^(#{1,6})\s+(.*)$/.exec(raw)
    if (heading) return wrapAnsi(this.paint('bold', inline(heading[2] ?? '', this.paint)), width, {hard: true})
    const item = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/.exec(raw)
    if (item) {
      const [, indent = '', marker = '', rest = ''] = item
      const bullet = /\d/.test(marker) ? marker : '•'
      const lead = `${indent}${bullet} `
      const body = wrapAnsi(inline(rest, this.paint), width - lead.length, {hard: true})
      return body
        .split('\n')
        .map((l, i) => (i ? ' '.repeat(lead.length) : lead) + l)
        .join('\n')
    }
    if (/^\s*>\s?/.test(raw))
      return this.paint('dim', wrapAnsi(`│ ${raw.replace(/^\s*>\s?/, '')}`, width, {hard: true}))
    if (/^\s*([-*_])\s*\1\s*\1[\s\-*_]*$/.test(raw)) return this.paint('dim', '─'.repeat(Math.min(width, 40)))
    return wrapAnsi(inline(raw, this.paint), width, {hard: true})
  }
}

/** Inline markup: **bold**, __bold__ and `code`; the markers go. */
function inline(text: string, paint: Paint): string {
  return text
    .replace(/`([^`\n]+)`/g, (_m, code: string) => paint('cyan', code))
    .replace(/\*\*([^*\n]+)\*\*|__([^_\n]+)__/g, (_m, a?: string, b?: string) => paint('bold', a ?? b ?? ''))
}
