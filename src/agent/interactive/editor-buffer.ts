// The text being typed at the prompt, and where the cursor is in it: a pure model of the input editor (several lines
// when the person adds them with Shift-Enter or `\` + Enter, or pastes them). Keys map to these operations in
// prompt-keys.ts; the terminal shows the result through editor-layout.ts.

const graphemes = new Intl.Segmenter()
/** How far around the cursor to look for the character there: longer than any real grapheme (a family emoji is 11). */
const GRAPHEME_WINDOW = 64

export class EditorBuffer {
  text = ''
  /** An offset into `text` (UTF-16 units, never inside a character: the layout places the cursor between them). */
  cursor = 0

  set(text: string): void {
    this.text = text
    this.cursor = text.length
  }

  /** Takes the text and empties the editor. */
  take(): string {
    const text = this.text
    this.set('')
    return text
  }

  insert(s: string): void {
    this.text = this.text.slice(0, this.cursor) + s + this.text.slice(this.cursor)
    this.cursor += s.length
  }

  /** UTF-16 units of the character (grapheme: `é` as e + accent, a joined emoji, a flag) before the cursor. */
  private charBefore(): number {
    const from = Math.max(0, this.cursor - GRAPHEME_WINDOW)
    let last = 0
    for (const {segment} of graphemes.segment(this.text.slice(from, this.cursor))) last = segment.length
    return last || 1
  }

  /** UTF-16 units of the character after the cursor. */
  private charAfter(): number {
    const next = graphemes
      .segment(this.text.slice(this.cursor, this.cursor + GRAPHEME_WINDOW))
      [Symbol.iterator]()
      .next()
    return next.done ? 1 : next.value.segment.length
  }

  backspace(): void {
    if (!this.cursor) return
    const n = this.charBefore()
    this.text = this.text.slice(0, this.cursor - n) + this.text.slice(this.cursor)
    this.cursor -= n
  }

  del(): void {
    if (this.cursor >= this.text.length) return
    this.text = this.text.slice(0, this.cursor) + this.text.slice(this.cursor + this.charAfter())
  }

  left(): void {
    if (this.cursor) this.cursor -= this.charBefore()
  }

  right(): void {
    if (this.cursor < this.text.length) this.cursor += this.charAfter()
  }

  private lineStart(at = this.cursor): number {
    return this.text.lastIndexOf('\n', at - 1) + 1
  }

  private lineEnd(at = this.cursor): number {
    const end = this.text.indexOf('\n', at)
    return end < 0 ? this.text.length : end
  }

  home(): void {
    this.cursor = this.lineStart()
  }

  end(): void {
    this.cursor = this.lineEnd()
  }

  /** Up one line, keeping the column; false on the first line (the caller goes back in history instead). */
  up(): boolean {
    const start = this.lineStart()
    if (!start) return false
    const column = this.cursor - start
    const prev = this.lineStart(start - 1)
    this.cursor = Math.min(prev + column, start - 1)
    return true
  }

  /** Down one line, keeping the column; false on the last line. */
  down(): boolean {
    const end = this.lineEnd()
    if (end >= this.text.length) return false
    const column = this.cursor - this.lineStart()
    this.cursor = Math.min(end + 1 + column, this.lineEnd(end + 1))
    return true
  }

  /** Ctrl-K: deletes to the end of the line (or the line break there). */
  killToEnd(): void {
    const end = this.lineEnd()
    this.text = this.text.slice(0, this.cursor) + this.text.slice(end === this.cursor ? end + 1 : end)
  }

  /** Ctrl-U: deletes to the start of the line. */
  killToStart(): void {
    const start = this.lineStart()
    this.text = this.text.slice(0, start) + this.text.slice(this.cursor)
    this.cursor = start
  }

  /** Ctrl-W / Alt-Backspace: deletes the word before the cursor. */
  deleteWordBack(): void {
    const before = this.text.slice(0, this.cursor)
    const start = before.search(/\S+\s*$/)
    const from = Math.max(0, start)
    this.text = this.text.slice(0, from) + this.text.slice(this.cursor)
    this.cursor = from
  }

  wordLeft(): void {
    const start = this.text.slice(0, this.cursor).search(/\S+\s*$/)
    this.cursor = Math.max(0, start)
  }

  wordRight(): void {
    const m = /^\s*\S+/.exec(this.text.slice(this.cursor))
    this.cursor = m ? this.cursor + m[0].length : this.text.length
  }
}

/** Earlier inputs, walked with Up and Down; what was being typed is kept while walking. */
export class InputHistory {
  private readonly items: string[] = []
  private at = 0
  private draft = ''

  add(text: string): void {
    if (text.trim() && this.items.at(-1) !== text) this.items.push(text)
    if (this.items.length > 500) this.items.shift()
    this.at = this.items.length
  }

  /** The older entry, or undefined at the oldest. */
  back(current: string): string | undefined {
    if (!this.at) return undefined
    if (this.at === this.items.length) this.draft = current
    return this.items[--this.at]
  }

  /** The newer entry (the draft after the newest), or undefined when not walking. */
  forward(): string | undefined {
    if (this.at >= this.items.length) return undefined
    this.at++
    return this.at === this.items.length ? this.draft : this.items[this.at]
  }
}
