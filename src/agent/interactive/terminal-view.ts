import type {AgentEvent} from '../events.js'
import {displayPath} from '../tools/project-path.js'
import type {FileChange} from '../tools/tool.js'
import {callLabel, resultSummary} from './call-label.js'
import {unifiedDiff} from './line-diff.js'
import type {Paint} from './paint.js'
import {StreamFilter} from './stream-filter.js'

// What the interactive mode prints: the reply as it streams in, one line per tool call and result, a diff per
// changed file, notices. Pure output: it writes text through `write` and keeps only what it needs to lay it out.

/** A diff longer than this is cut, with a count of the rest. */
const MAX_DIFF_LINES = 80

export class TerminalView {
  private filter = new StreamFilter()
  /** The text of the current reply shown so far, and of the last finished one. */
  private streamed = ''
  private lastStreamed = ''
  private reasoning = false
  private atLineStart = true
  /** Diffs shown with an approval question, so that the same diff is not shown again once written. */
  private readonly previewed = new Set<string>()

  constructor(
    private readonly write: (text: string) => void,
    private readonly paint: Paint,
    private readonly root: string,
  ) {}

  private out(text: string): void {
    if (!text) return
    this.write(text)
    this.atLineStart = text.endsWith('\n')
  }

  /** Where the cursor is after someone else wrote (a prompt: false; an answered prompt at a terminal: true). */
  cursorAtLineStart(yes: boolean): void {
    this.atLineStart = yes
  }

  /** Ends the current line, if something is on it. */
  endLine(): void {
    if (!this.atLineStart) this.out('\n')
  }

  /** A whole line, on a line of its own. */
  line(text: string): void {
    if (!this.atLineStart) this.out('\n')
    this.out(`${text}\n`)
  }

  notice(text: string): void {
    this.line(this.paint('dim', text))
  }

  private endReply(): void {
    this.out(this.filter.end())
    if (!this.atLineStart) this.out('\n')
    this.lastStreamed = this.streamed
    this.streamed = ''
    this.reasoning = false
  }

  event(e: AgentEvent): void {
    switch (e.type) {
      case 'delta':
        if (e.reasoning) {
          if (!this.reasoning) this.line(this.paint('dim', 'thinking…'))
          this.reasoning = true
          this.out(this.paint('dim', e.text))
        } else {
          if (this.reasoning) this.line('')
          this.reasoning = false
          const shown = this.filter.push(e.text)
          if (shown && !this.streamed && !this.atLineStart) this.out('\n')
          this.streamed += shown
          this.out(shown)
        }
        return
      case 'usage':
        this.endReply()
        return
      case 'assistant': {
        // Print what the stream did not show (all of it without streaming, or what followed a held-back marker).
        const shown = this.lastStreamed.trim()
        const text = e.text.trim()
        const rest = !shown ? text : text.startsWith(shown) ? text.slice(shown.length).trim() : ''
        if (rest) this.line(rest)
        this.lastStreamed = ''
        return
      }
      case 'tool_call':
        this.previewed.clear()
        this.line(`${this.paint('cyan', '●')} ${this.paint('bold', callLabel(e.name, e.arguments))}`)
        return
      case 'tool_result': {
        const mark = e.isError ? this.paint('red', '✗') : this.paint('green', '✓')
        this.line(`  ${this.paint('dim', '⎿')} ${mark} ${resultSummary(e.name, e.output)}`)
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
        const stats = `${e.turns} request${e.turns === 1 ? '' : 's'}, ${tokens} tokens, ${(e.durationMs / 1000).toFixed(1)}s`
        const status = {
          success: '',
          aborted: 'interrupted; ',
          max_turns: 'stopped at the turn limit; ',
          error: 'failed; ',
          cut: 'answer cut at the token limit; ',
          loop: 'stopped in a loop; ',
          budget: 'token budget spent; ',
        }
        this.notice(`(${status[e.status]}${stats})`)
        return
      }
      case 'start':
        this.notice(
          `oac agent · ${e.model} · ${e.resumed ? `resumed session ${e.sessionId}` : 'new session'} · ${e.tools.length} tools · ${e.root}`,
        )
        return
      default: {
        const never: never = e
        throw new Error(`unknown event ${JSON.stringify(never)}`)
      }
    }
  }

  private diffText(change: FileChange): string {
    return unifiedDiff(displayPath(this.root, change.path), change.before, change.after)
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
