import {createInterface, type Interface} from 'node:readline'
import {LineSource, type NextLine} from './line-source.js'
import type {TerminalView} from './terminal-view.js'

// The keyboard side of the interactive mode: readline on the input stream, prompts, and the typed lines in order.

export interface TerminalStreams {
  input: NodeJS.ReadableStream & {isTTY?: boolean}
  output: NodeJS.WritableStream & {isTTY?: boolean}
}

export class TerminalInput {
  readonly rl: Interface
  readonly lines: LineSource
  /** A real terminal (line editing, Ctrl-C as a key, typed answers echoed) rather than a pipe. */
  readonly terminal: boolean

  constructor(
    streams: TerminalStreams,
    private readonly view: TerminalView,
  ) {
    this.terminal = !!(streams.input.isTTY && streams.output.isTTY)
    this.rl = createInterface({input: streams.input, output: streams.output, terminal: this.terminal, historySize: 500})
    this.lines = new LineSource(this.rl)
  }

  prompt(text: string): void {
    this.rl.setPrompt(text)
    this.rl.prompt()
    this.view.cursorAtLineStart(false)
  }

  /** The next line typed after showing `prompt`; `fresh` skips lines typed ahead (at a terminal). */
  async read(prompt: string, fresh = false): Promise<NextLine> {
    this.prompt(prompt)
    const line = await this.lines.next(fresh && this.terminal)
    this.view.cursorAtLineStart(this.terminal)
    return line
  }

  /** Clears a half-typed line; false when there was none. */
  clearLine(): boolean {
    if (!this.rl.line) return false
    this.rl.write(null, {ctrl: true, name: 'e'})
    this.rl.write(null, {ctrl: true, name: 'u'})
    return true
  }

  close(): void {
    this.rl.close()
  }
}
