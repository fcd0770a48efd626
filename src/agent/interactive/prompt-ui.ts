import type {AgentEvent} from '../events.js'
import type {ViewOutput} from './terminal-view.js'

// What the interactive loop needs from the terminal, whether a real one (terminal-ui.ts: raw keys, live region) or
// a pipe (plain-ui.ts: lines in, lines out).

export interface TerminalStreams {
  input: NodeJS.ReadStream | (NodeJS.ReadableStream & {isTTY?: boolean})
  output: NodeJS.WritableStream & {isTTY?: boolean; columns?: number}
}

export interface UiHandlers {
  ctrlC(): void
  escape(): void
  /** Slash command names, for Tab. */
  commands(): string[]
  root: string
}

export interface PromptUi {
  view: ViewOutput
  /** Events for the status line. */
  event(e: AgentEvent): void
  setPrompt(prompt: string): void
  setHint(hint: string): void
  /** The agent works: the status line shows, and what is submitted meanwhile is queued. */
  busy(on: boolean): void
  /** The next task or command typed (a queued one first); undefined at the end of input. */
  read(): Promise<string | undefined>
  /** One key out of `keys` (lower case) after showing `question`; undefined when cancelled (Esc, Ctrl-C). */
  choose(question: string, keys: string[]): Promise<string | undefined>
  /** A line typed after `prompt`, never one typed ahead. */
  readFresh(prompt: string): Promise<string | undefined>
  cancelQuestion(): void
  /** Clears what is being typed; false when nothing was. */
  clearInput(): boolean
  /** No more input: a waiting read() gets undefined. */
  end(): void
  close(): void
}
