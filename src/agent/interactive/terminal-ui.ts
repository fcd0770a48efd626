import {emitKeypressEvents} from 'node:readline'
import wrapAnsi from 'wrap-ansi'
import {stripControls, stripControlsDeep} from '../../util/terminal-text.js'
import type {AgentEvent} from '../events.js'
import {complete} from './completion.js'
import {EditorBuffer, InputHistory} from './editor-buffer.js'
import {layoutEditor} from './editor-layout.js'
import {LiveScreen, type ScreenStream} from './live-screen.js'
import {LiveStatus} from './live-status.js'
import type {Paint} from './paint.js'
import {editKey, isNewlineKey, type Key} from './prompt-keys.js'
import type {PromptUi, UiHandlers} from './prompt-ui.js'
import type {SessionPicker} from './session-picker.js'

// The interactive prompt on a real terminal: raw keys (Node's keypress parser, with bracketed paste on), an input
// editor that stays usable while the agent works (what is submitted then is queued and shown as queued), single-key
// questions, and the live region: the reply's unfinished line, the status line, queued tasks, the editor.

const PASTE_ON = '\u001b[?2004h'
const PASTE_OFF = '\u001b[?2004l'

type Choice = {keys: string[]; resolve: (key: string | undefined) => void; rows: string[]}

export class TerminalUi implements PromptUi {
  private readonly screen: LiveScreen
  private readonly editor = new EditorBuffer()
  private readonly history = new InputHistory()
  private readonly status = new LiveStatus()
  private readonly queued: string[] = []
  private prompt = '> '
  private partialText = ''
  private hint = ''
  private working = false
  private reader: ((line: string | undefined) => void) | undefined
  private choice: Choice | undefined
  private picking: {picker: SessionPicker; resolve: (index: number | undefined) => void} | undefined
  private pasting: string | undefined
  private ended = false
  private timer: NodeJS.Timeout | undefined
  private readonly onKey = (ch: string | undefined, key: Key | undefined) => this.key(ch, key ?? {})

  constructor(
    private readonly input: NodeJS.ReadStream,
    output: ScreenStream,
    private readonly paint: Paint,
    private readonly handlers: UiHandlers,
  ) {
    this.screen = new LiveScreen(output)
    emitKeypressEvents(input)
    input.setRawMode?.(true)
    input.on('keypress', this.onKey)
    input.resume()
    output.write(PASTE_ON)
    this.out = output
  }

  private readonly out: ScreenStream

  readonly view = {
    print: (text: string) => this.screen.print(text),
    partial: (text: string) => {
      this.partialText = text
      this.render()
    },
    width: () => this.screen.width,
  }

  /** Events for the status line, whose label and command output tail are the model's and the tool's text. */
  event(e: AgentEvent): void {
    if (this.status.event(stripControlsDeep(e))) this.render()
  }

  setPrompt(prompt: string): void {
    this.prompt = prompt
    this.render()
  }

  /** A line under the editor (plan mode, how to quit); '' for none. */
  setHint(hint: string): void {
    this.hint = hint
    this.render()
  }

  busy(on: boolean): void {
    this.working = on
    if (!on) this.status.stop()
    clearInterval(this.timer)
    this.timer = on ? setInterval(() => this.status.busy && this.render(), 100) : undefined
    this.render()
  }

  read(): Promise<string | undefined> {
    const queued = this.queued.shift()
    if (queued !== undefined) {
      this.render()
      return Promise.resolve(queued)
    }
    if (this.ended) return Promise.resolve(undefined)
    return new Promise((resolve) => {
      this.reader = resolve
      this.render()
    })
  }

  choose(question: string, keys: string[]): Promise<string | undefined> {
    this.status.stop()
    return new Promise((resolve) => {
      this.choice = {keys, resolve, rows: question.split('\n')}
      this.render()
    })
  }

  /** Shows the resume picker until a session is taken (its index) or none is (undefined). */
  pick(picker: SessionPicker): Promise<number | undefined> {
    return new Promise((resolve) => {
      this.picking = {picker, resolve}
      this.render()
    })
  }

  async readFresh(prompt: string): Promise<string | undefined> {
    const draft = this.editor.take()
    const before = this.prompt
    this.prompt = prompt
    const line = await new Promise<string | undefined>((resolve) => {
      this.reader = resolve
      this.render()
    })
    this.prompt = before
    this.editor.set(draft)
    this.render()
    return line
  }

  /** Ends the question being asked, if any, as unanswered (the step was interrupted). */
  cancelQuestion(): void {
    const c = this.choice
    this.choice = undefined
    c?.resolve(undefined)
    this.render()
  }

  clearInput(): boolean {
    if (!this.editor.text) return false
    this.editor.set('')
    this.render()
    return true
  }

  end(): void {
    this.ended = true
    const reader = this.reader
    this.reader = undefined
    reader?.(undefined)
  }

  close(): void {
    clearInterval(this.timer)
    this.input.off('keypress', this.onKey)
    this.input.setRawMode?.(false)
    this.input.pause()
    this.screen.close()
    this.out.write(PASTE_OFF)
  }

  private submit(): void {
    const text = this.editor.take()
    const reader = this.reader
    if (reader) {
      this.reader = undefined
      if (text.trim()) this.history.add(text)
      this.screen.print(
        `${this.paint('bold', this.prompt)}${text.replace(/\n/g, `\n${' '.repeat(this.prompt.length)}`)}`,
      )
      reader(text)
    } else if (text.trim()) {
      this.history.add(text)
      this.queued.push(text)
    }
    this.render()
  }

  private key(ch: string | undefined, key: Key): void {
    if (key.name === 'paste-start') {
      this.pasting = ''
      return
    }
    if (this.pasting !== undefined) {
      if (key.name === 'paste-end') {
        // Pasted terminal output keeps its text, not its colours or cursor moves.
        this.editor.insert(stripControls(this.pasting.replace(/\r\n?/g, '\n')))
        this.pasting = undefined
        this.render()
      } else this.pasting += key.sequence ?? ch ?? ''
      return
    }
    if (this.choice) {
      this.chooseKey(ch, key)
      return
    }
    if (this.picking) {
      const {picker, resolve} = this.picking
      const taken = picker.key(ch, key)
      if (taken !== 'more') this.picking = undefined
      this.render()
      if (taken !== 'more') resolve(taken)
      return
    }
    if (key.ctrl && key.name === 'c') {
      this.handlers.ctrlC()
      return
    }
    if (key.name === 'escape') {
      this.handlers.escape()
      return
    }
    if (key.ctrl && key.name === 'd') {
      if (!this.editor.text && this.reader) this.end()
      else this.editor.del()
    } else if (isNewlineKey(key)) this.editor.insert('\n')
    else if (key.name === 'return' || key.name === 'enter') {
      const before = this.editor.text.slice(0, this.editor.cursor)
      if (before.endsWith('\\')) {
        this.editor.backspace()
        this.editor.insert('\n')
      } else {
        this.submit()
        return
      }
    } else if (key.name === 'tab') this.tab()
    else if (key.name === 'up' && !this.editor.up()) {
      const older = this.history.back(this.editor.text)
      if (older !== undefined) this.editor.set(older)
    } else if (key.name === 'down' && !this.editor.down()) {
      const newer = this.history.forward()
      if (newer !== undefined) this.editor.set(newer)
    } else if (!editKey(this.editor, ch, key)) return
    this.render()
  }

  private chooseKey(ch: string | undefined, key: Key): void {
    const c = this.choice as Choice
    const answer = (key.ctrl && key.name === 'c') || key.name === 'escape' ? undefined : (ch ?? '').toLowerCase()
    if (answer !== undefined && !c.keys.includes(answer)) return
    this.choice = undefined
    this.render()
    c.resolve(answer)
  }

  private tab(): void {
    const done = complete(this.editor.text, this.editor.cursor, this.handlers.commands(), this.handlers.root)
    if (!done) return
    this.editor.text = done.text
    this.editor.cursor = done.cursor
    if (done.choices.length) this.screen.print(this.paint('dim', done.choices.join('  ')))
  }

  private render(): void {
    const width = this.screen.width
    if (this.picking) {
      this.screen.setRegion({rows: this.picking.picker.rows(this.paint)})
      return
    }
    const rows: string[] = []
    if (this.partialText) rows.push(...wrapAnsi(this.partialText, width - 1, {hard: true}).split('\n'))
    rows.push(...this.status.lines().map((l) => this.paint('dim', l)))
    for (const q of this.queued)
      rows.push(this.paint('dim', `⏎ queued: ${q.split('\n')[0]}${q.includes('\n') ? ' …' : ''}`))
    if (this.choice) {
      rows.push(...this.choice.rows)
      this.screen.setRegion({rows})
      return
    }
    const prompt = this.working && !this.reader ? this.paint('dim', '… ') : this.prompt
    const editor = layoutEditor(prompt, this.editor.text, this.editor.cursor, width)
    const top = rows.length
    rows.push(...editor.rows)
    if (this.hint) rows.push(this.paint('dim', this.hint))
    this.screen.setRegion({rows, cursor: {row: top + editor.cursorRow, column: editor.cursorColumn}})
  }
}
