import {createInterface} from 'node:readline'
import type {AgentEvent} from '../events.js'
import {CANCELLED, LineSource} from './line-source.js'
import type {PromptUi, TerminalStreams, UiHandlers} from './prompt-ui.js'

// The interactive loop over a pipe (no terminal): tasks are lines of input, output is plain lines, questions are
// answered by a line, and there is no live region. Lines read while the agent works wait their turn.

export class PlainUi implements PromptUi {
  private readonly lines: LineSource
  private readonly rl

  constructor(
    private readonly streams: TerminalStreams,
    handlers: UiHandlers,
  ) {
    this.rl = createInterface({input: streams.input, terminal: false})
    this.lines = new LineSource(this.rl)
    this.rl.on('SIGINT', () => handlers.ctrlC())
  }

  readonly view = {
    print: (text: string) => {
      this.streams.output.write(text.endsWith('\n') ? text : `${text}\n`)
    },
    partial: () => {},
    width: () => 100,
  }

  event(_e: AgentEvent): void {}
  setPrompt(): void {}
  setHint(): void {}
  busy(): void {}

  async read(): Promise<string | undefined> {
    for (;;) {
      const line = await this.lines.next()
      if (line !== CANCELLED) return line
    }
  }

  async choose(question: string, keys: string[]): Promise<string | undefined> {
    this.view.print(question)
    for (;;) {
      const line = await this.lines.next()
      if (line === undefined || line === CANCELLED) return undefined
      const key = line.trim().toLowerCase().slice(0, 1)
      if (keys.includes(key)) return key
    }
  }

  async readFresh(prompt: string): Promise<string | undefined> {
    this.view.print(prompt)
    const line = await this.lines.next()
    return line === CANCELLED ? undefined : line
  }

  cancelQuestion(): void {
    this.lines.cancel()
  }

  clearInput(): boolean {
    return false
  }

  end(): void {
    this.lines.end()
  }

  close(): void {
    this.rl.close()
  }
}
