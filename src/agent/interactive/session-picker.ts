import {type SessionSummary, shortDate} from '../session-list.js'
import type {Paint} from './paint.js'
import type {Key} from './prompt-keys.js'

// The resume picker (`oac agent --resume` in a terminal): the project's newest sessions, one row each; Up/Down move,
// Enter takes the marked one, a digit takes that row, Esc or Ctrl-C takes none. A pure model; terminal-ui.ts draws
// its rows in the live region and hands it the keys.

export class SessionPicker {
  selected = 0

  constructor(readonly sessions: SessionSummary[]) {}

  /** What a key does: a row taken (its index), none taken (`undefined`), or still choosing (`'more'`). */
  key(ch: string | undefined, key: Key): number | undefined | 'more' {
    if ((key.ctrl && key.name === 'c') || key.name === 'escape') return undefined
    if (key.name === 'return' || key.name === 'enter') return this.selected
    const last = this.sessions.length - 1
    if (key.name === 'up') this.selected = this.selected ? this.selected - 1 : last
    else if (key.name === 'down') this.selected = this.selected === last ? 0 : this.selected + 1
    else if (ch && /^[1-9]$/.test(ch) && Number(ch) <= this.sessions.length) return Number(ch) - 1
    return 'more'
  }

  rows(paint: Paint): string[] {
    const rows = this.sessions.map((s, i) => {
      const mark = i === this.selected ? '❯' : ' '
      const text = `${mark} ${i + 1}. ${s.title || '(no prompt)'}  ${paint('dim', `${shortDate(s.updatedAt)} · ${s.turns} turns · ${s.model} · ${s.id}`)}`
      return i === this.selected ? paint('bold', text) : text
    })
    return [
      paint('bold', 'Resume which session? (newest first)'),
      ...rows,
      paint('dim', '↑/↓ and Enter, or the number; Esc to quit. oac agent sessions list --all shows more.'),
    ]
  }
}
