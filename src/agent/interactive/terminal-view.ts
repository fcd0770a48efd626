import {keepStyles, stripControls, stripControlsDeep} from '../../util/terminal-text.js'
import type {AgentEvent} from '../events.js'
import {displayPath} from '../tools/project-path.js'
import type {FileChange} from '../tools/tool.js'
import {callLabel, resultView} from './call-label.js'
import {unifiedDiff} from './line-diff.js'
import {MarkdownLines} from './markdown-lines.js'
import type {Paint} from './paint.js'
import {StreamFilter} from './stream-filter.js'

// What the interactive mode prints: the reply as it streams in (rendered markdown, word-wrapped, the unfinished line
// kept live until it ends), one line per tool call and result, a diff per changed file, notices, and the summary
// line of each task with the context gauge. Pure output: finished lines go to `print`, the unfinished one to
// `partial`, so that the live region below (status, editor) never mixes with the reply. Everything in an event and
// in a diff comes from the model, a tool or a file: its escape sequences are removed before oac styles it, and what
// reaches `out` keeps only SGR styling (util/terminal-text.ts).

/** Where the view writes. */
export interface ViewOutput {
  /** Whole lines, printed above the live region. */
  print(text: string): void
  /** The reply's unfinished line ('' for none), shown live until it is finished. */
  partial(text: string): void
  /** Columns of the terminal. */
  width(): number
}

/** A diff longer than this is cut, with a count of the rest. */
const MAX_DIFF_LINES = 80

const STATUS_WORDS = {
  success: '',
  aborted: 'interrupted; ',
  max_turns: 'stopped at the turn limit; ',
  error: 'failed; ',
  cut: 'answer cut at the token limit; ',
  loop: 'stopped in a loop; ',
  budget: 'token budget spent; ',
}

export class TerminalView {
  private filter = new StreamFilter()
  private readonly markdown: MarkdownLines
  /** The unfinished line of the reply (or of its reasoning). */
  private pending = ''
  private streamed = ''
  private lastStreamed = ''
  private reasoning = false
  /** Prompt + completion tokens of the last request: what the context holds now. */
  private contextTokens = 0
  /** Diffs shown with an approval question, so that the same diff is not shown again once written. */
  private readonly previewed = new Set<string>()

  private readonly out: ViewOutput

  constructor(
    output: ViewOutput,
    private readonly paint: Paint,
    private readonly root: string,
    private readonly contextLength: () => number | undefined = () => undefined,
  ) {
    this.out = {
      print: (text) => output.print(keepStyles(text)),
      partial: (text) => output.partial(keepStyles(text)),
      width: () => output.width(),
    }
    this.markdown = new MarkdownLines(paint, () => output.width())
  }

  line(text: string): void {
    this.flush()
    this.out.print(text)
  }

  notice(text: string): void {
    this.line(this.paint('dim', text))
  }

  /** `used / context (share)`, or the tokens alone when the engine did not say its context. */
  contextGauge(): string {
    const n = (x: number) => x.toLocaleString('en-US')
    const context = this.contextLength()
    if (!this.contextTokens) return ''
    if (!context) return `context ${n(this.contextTokens)} tokens`
    return `context ${n(this.contextTokens)}/${n(context)} (${Math.round((this.contextTokens / context) * 100)}%)`
  }

  /** Finishes the reply's unfinished line, if any. */
  private flush(): void {
    if (!this.pending) return
    const text = this.pending
    this.pending = ''
    this.out.partial('')
    this.out.print(this.reasoning ? this.paint('dim', text) : this.markdown.line(text))
  }

  /** Adds streamed text: finished lines are printed, the rest stays live. */
  private stream(text: string): void {
    this.pending += text
    const lines = this.pending.split('\n')
    this.pending = lines.pop() ?? ''
    for (const l of lines) this.out.print(this.reasoning ? this.paint('dim', l) : this.markdown.line(l))
    this.out.partial(this.reasoning ? this.paint('dim', this.pending) : this.pending)
  }

  private endReply(): void {
    this.stream(this.filter.end())
    this.flush()
    this.lastStreamed = this.streamed
    this.streamed = ''
    this.reasoning = false
    this.markdown.reset()
  }

  private delta(e: Extract<AgentEvent, {type: 'delta'}>): void {
    if (e.reasoning) {
      if (!this.reasoning) {
        this.flush()
        this.reasoning = true
        this.out.print(this.paint('dim', 'thinking…'))
      }
      this.stream(e.text)
      return
    }
    if (this.reasoning) {
      this.flush()
      this.reasoning = false
    }
    const shown = this.filter.push(e.text)
    this.streamed += shown
    this.stream(shown)
  }

  event(raw: AgentEvent): void {
    const e = stripControlsDeep(raw)
    switch (e.type) {
      case 'delta':
        this.delta(e)
        return
      case 'usage':
        this.contextTokens = e.promptTokens + e.completionTokens
        this.endReply()
        return
      case 'assistant': {
        // Print what the stream did not show (all of it without streaming, or what followed a held-back marker).
        const shown = this.lastStreamed.trim()
        const text = e.text.trim()
        const rest = !shown ? text : text.startsWith(shown) ? text.slice(shown.length).trim() : ''
        if (rest)
          this.line(
            rest
              .split('\n')
              .map((l) => this.markdown.line(l))
              .join('\n'),
          )
        this.markdown.reset()
        this.lastStreamed = ''
        return
      }
      case 'tool_call':
        this.previewed.clear()
        this.line(`${this.paint('cyan', '●')} ${this.paint('bold', callLabel(e.name, e.arguments))}`)
        return
      case 'tool_result': {
        const view = resultView(e.name, e.output, e.isError)
        const mark = {ok: this.paint('green', '✓'), failed: this.paint('red', '✗'), stopped: this.paint('yellow', '⊘')}
        const tail = view.tail.map((l) => `\n      ${this.paint('dim', l)}`).join('')
        this.line(`  ${this.paint('dim', '⎿')} ${mark[view.mark]} ${view.summary}${tail}`)
        return
      }
      case 'compaction':
        if (e.after === undefined) this.notice(`· Compacting ${e.before} tokens of older turns into a summary…`)
        else {
          this.notice(`· Compacted: ${e.before} → ${e.after} tokens. The summary the model goes on from:`)
          this.line(this.paint('dim', (e.summary ?? '').replace(/^/gm, '    ')))
        }
        return
      case 'notice':
        this.notice(`· ${e.message}`)
        return
      case 'error':
        this.line(this.paint('red', `error: ${e.message}`))
        return
      case 'result': {
        const tokens = e.usage.promptTokens + e.usage.completionTokens
        const gauge = this.contextGauge()
        const stats = `${e.turns} request${e.turns === 1 ? '' : 's'}, ${tokens} tokens, ${(e.durationMs / 1000).toFixed(1)}s${gauge ? ` · ${gauge}` : ''}`
        this.notice(`(${STATUS_WORDS[e.status]}${stats})`)
        return
      }
      case 'start':
        this.notice(
          `oac agent · ${e.model} · ${e.resumed ? `resumed session ${e.sessionId}` : 'new session'} · ${e.tools.length} tools · ${e.root}`,
        )
        return
      case 'request':
      case 'tool_output':
        return
      default: {
        const never: never = e
        throw new Error(`unknown event ${JSON.stringify(never)}`)
      }
    }
  }

  private diffText(change: FileChange): string {
    const before = change.before === undefined ? undefined : stripControls(change.before)
    return unifiedDiff(stripControls(displayPath(this.root, change.path)), before, stripControls(change.after))
  }

  private showDiff(diff: string): void {
    const lines = diff.split('\n')
    const shown = lines.slice(0, MAX_DIFF_LINES).map((l) => {
      if (l.startsWith('+++') || l.startsWith('---')) return this.paint('bold', l)
      if (l.startsWith('@@')) return this.paint('cyan', l)
      if (l.startsWith('+')) return this.paint('green', l)
      if (l.startsWith('-')) return this.paint('red', l)
      return l
    })
    if (lines.length > MAX_DIFF_LINES) shown.push(this.paint('dim', `… ${lines.length - MAX_DIFF_LINES} more lines`))
    this.line(shown.map((l) => `    ${l}`).join('\n'))
  }

  /** The diff of a change about to be approved. */
  preview(change: FileChange): void {
    const diff = this.diffText(change)
    if (!diff) return
    this.previewed.add(diff)
    this.showDiff(diff)
  }

  /** The diff of a change just written (unless it was shown for approval already). */
  fileChanged(change: FileChange): void {
    const diff = this.diffText(change)
    if (!diff || this.previewed.delete(diff)) return
    this.showDiff(diff)
  }
}
