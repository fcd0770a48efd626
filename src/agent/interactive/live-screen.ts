import stringWidth from 'string-width'
import {keepStyles} from '../../util/terminal-text.js'

// The terminal as the interactive mode uses it: finished output scrolls up as usual, and a live region at the bottom
// (the reply's unfinished line, the status line, queued tasks, the input editor) is redrawn in place. Every row of
// the region is kept shorter than the terminal width, so the terminal never wraps one and the region's height is
// known exactly; each update is one write (erase the region, print, draw it again), so nothing flickers or
// interleaves. After a resize the old region is erased as the terminal reflowed it, then drawn for the new width.

export interface ScreenStream {
  write(text: string): unknown
  columns?: number
  isTTY?: boolean
  on?(event: 'resize', listener: () => void): unknown
  off?(event: 'resize', listener: () => void): unknown
}

export interface Region {
  rows: string[]
  /** Where the terminal cursor goes (the editor's cursor); after the last row when absent. */
  cursor?: {row: number; column: number}
}

const ESC = '\u001b['
/** A style escape (SGR), zero columns wide. */
const SGR = new RegExp(`(${String.fromCharCode(27)}\\[[0-9;]*m)`)

export class LiveScreen {
  private shown: Region = {rows: []}
  private next: Region = {rows: []}
  /** The width the shown region was drawn for. */
  private drawnWidth: number
  private readonly onResize = () => this.resized()

  constructor(private readonly out: ScreenStream) {
    this.drawnWidth = this.width
    out.on?.('resize', this.onResize)
  }

  /** Columns of the terminal (80 when it does not say). */
  get width(): number {
    return this.out.columns && this.out.columns > 10 ? this.out.columns : 80
  }

  /** Prints finished lines above the region (`text` is whole lines; a missing final newline is added). */
  print(text: string): void {
    if (!text) return
    const body = keepStyles(text.endsWith('\n') ? text : `${text}\n`)
    this.out.write(`${this.erase()}${body.replace(/\n/g, '\r\n')}${this.draw(this.next)}`)
  }

  /** Replaces what the region shows. */
  setRegion(region: Region): void {
    this.next = region
    this.out.write(`${this.erase()}${this.draw(region)}`)
  }

  /** Erases the region and leaves the cursor where it began (before the program exits or hands the terminal over). */
  clear(): void {
    this.next = {rows: []}
    this.out.write(this.erase())
  }

  close(): void {
    this.clear()
    this.out.off?.('resize', this.onResize)
  }

  private resized(): void {
    this.out.write(`${this.erase()}${this.draw(this.next)}`)
  }

  /** Rows a line of `width` columns takes at the current width, as the terminal reflows it. */
  private rowsAt(line: string, width: number): number {
    return Math.max(1, Math.ceil(stringWidth(line) / width))
  }

  private erase(): string {
    const {rows, cursor} = this.shown
    if (!rows.length) return ''
    const width = this.width
    const at = cursor ?? {row: rows.length - 1, column: stringWidth(rows.at(-1) ?? '')}
    // Rows above the cursor, counted at the current width (the same as when drawn unless the terminal was resized).
    let up = Math.floor(at.column / width)
    for (let i = 0; i < at.row; i++) up += width === this.drawnWidth ? 1 : this.rowsAt(rows[i] as string, width)
    this.shown = {rows: []}
    return `${up ? `${ESC}${up}A` : ''}\r${ESC}J`
  }

  private draw(region: Region): string {
    const width = this.width
    this.drawnWidth = width
    // The last guard before the terminal: only SGR styling passes (util/terminal-text.ts).
    const rows = region.rows.map((r) => cutToWidth(keepStyles(r), width - 1))
    this.shown = {rows, ...(region.cursor ? {cursor: region.cursor} : {})}
    if (!rows.length) return ''
    let text = rows.join('\r\n')
    if (region.cursor) {
      const up = rows.length - 1 - region.cursor.row
      text += `${up ? `${ESC}${up}A` : ''}\r${region.cursor.column ? `${ESC}${region.cursor.column}C` : ''}`
    }
    return text
  }
}

/** `line` cut to `width` columns (ANSI styles kept and closed). */
export function cutToWidth(line: string, width: number): string {
  if (stringWidth(line) <= width) return line
  let out = ''
  let used = 0
  // Walk escape sequences (zero width) and graphemes (their own width).
  const parts = line.split(SGR)
  for (const part of parts) {
    if (part.startsWith('\u001b[')) {
      out += part
      continue
    }
    for (const {segment} of new Intl.Segmenter().segment(part)) {
      const w = stringWidth(segment)
      if (used + w > width - 1) return `${out}…\u001b[0m`
      out += segment
      used += w
    }
  }
  return out
}
