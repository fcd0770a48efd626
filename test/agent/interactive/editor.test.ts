import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import stringWidth from 'string-width'
import {describe, expect, it} from 'vitest'
import {EditorBuffer, InputHistory} from '../../../src/agent/interactive/editor-buffer.js'
import {layoutEditor} from '../../../src/agent/interactive/editor-layout.js'
import {editKey} from '../../../src/agent/interactive/prompt-keys.js'
import {TerminalUi} from '../../../src/agent/interactive/terminal-ui.js'
import {attacks, fakeTerminal} from './fake-terminal.js'

// The input editor's pure parts: the text and cursor (editor-buffer.ts), where they go on the screen
// (editor-layout.ts), and a paste through the real keypress parser into the terminal UI.

/** An editor holding `text` with the cursor where `|` is. */
function editor(marked: string): EditorBuffer {
  const e = new EditorBuffer()
  const at = marked.indexOf('|')
  e.set(marked.replace('|', ''))
  e.cursor = at
  return e
}

/** The editor's text with `|` at the cursor. */
const shown = (e: EditorBuffer) => `${e.text.slice(0, e.cursor)}|${e.text.slice(e.cursor)}`

describe('EditorBuffer', () => {
  it('inserts at the cursor and deletes on either side of it', () => {
    const e = editor('ac|')
    e.left()
    e.insert('b')
    expect(shown(e)).toBe('ab|c')
    e.backspace()
    expect(shown(e)).toBe('a|c')
    e.del()
    expect(shown(e)).toBe('a|')
    e.del()
    e.home()
    e.backspace()
    expect(shown(e)).toBe('|a')
    expect(e.take()).toBe('a')
    expect(shown(e)).toBe('|')
  })

  it('moves and deletes over a whole character: astral, wide, combining and joined emoji', () => {
    for (const ch of ['👍', '日', 'e\u0301', '👨‍👩‍👧', '🇫🇷']) {
      const e = editor(`a${ch}b|`)
      e.left()
      e.left()
      expect(shown(e)).toBe(`a|${ch}b`)
      e.right()
      expect(shown(e)).toBe(`a${ch}|b`)
      e.backspace()
      expect(shown(e)).toBe('a|b')
      e.insert(ch)
      e.left()
      e.del()
      expect(shown(e)).toBe('a|b')
    }
  })

  it('walks lines keeping the column, and says when there is no line above or below', () => {
    const e = editor('first line\nab\nthird| line')
    expect(e.up()).toBe(true)
    expect(shown(e)).toBe('first line\nab|\nthird line')
    expect(e.up()).toBe(true)
    expect(shown(e)).toBe('fi|rst line\nab\nthird line')
    expect(e.up()).toBe(false)
    e.end()
    expect(shown(e)).toBe('first line|\nab\nthird line')
    expect(e.down()).toBe(true)
    expect(shown(e)).toBe('first line\nab|\nthird line')
    expect(e.down()).toBe(true)
    expect(e.down()).toBe(false)
    e.home()
    expect(shown(e)).toBe('first line\nab\n|third line')
  })

  it('kills to the end and start of a line (joining lines at a line end) and deletes words', () => {
    const e = editor('one two| three\nnext')
    e.killToEnd()
    expect(shown(e)).toBe('one two|\nnext')
    e.killToEnd()
    expect(shown(e)).toBe('one two|next')
    e.deleteWordBack()
    expect(shown(e)).toBe('one |next')
    e.killToStart()
    expect(shown(e)).toBe('|next')
    const w = editor('alpha  beta gamma|')
    w.wordLeft()
    expect(shown(w)).toBe('alpha  beta |gamma')
    w.wordLeft()
    expect(shown(w)).toBe('alpha  |beta gamma')
    w.wordRight()
    expect(shown(w)).toBe('alpha  beta| gamma')
  })

  it('maps editing keys as Node names them; printable text is inserted, control characters are not', () => {
    const e = editor('|')
    expect(editKey(e, 'héllo 日本', {})).toBe(true)
    expect(editKey(e, undefined, {name: 'a', ctrl: true})).toBe(true)
    expect(shown(e)).toBe('|héllo 日本')
    expect(editKey(e, undefined, {name: 'f', meta: true})).toBe(true)
    expect(shown(e)).toBe('héllo| 日本')
    expect(editKey(e, '\u0007', {name: 'g', ctrl: true})).toBe(false)
    expect(editKey(e, '\u001b', {name: 'escape'})).toBe(false)
    expect(shown(e)).toBe('héllo| 日本')
  })
})

describe('InputHistory', () => {
  it('walks back and forward, keeps the draft being typed, skips blanks and repeats', () => {
    const h = new InputHistory()
    for (const t of ['one', 'two', 'two', '  ', 'three']) h.add(t)
    expect(h.forward()).toBeUndefined()
    expect(h.back('draft')).toBe('three')
    expect(h.back('three')).toBe('two')
    expect(h.back('two')).toBe('one')
    expect(h.back('one')).toBeUndefined()
    expect(h.forward()).toBe('two')
    expect(h.forward()).toBe('three')
    expect(h.forward()).toBe('draft')
    expect(h.forward()).toBeUndefined()
  })

  it('keeps the newest 500', () => {
    const h = new InputHistory()
    for (let i = 0; i < 510; i++) h.add(`task ${i}`)
    let oldest = ''
    for (let s = h.back(''); s !== undefined; s = h.back(s)) oldest = s
    expect(oldest).toBe('task 10')
  })
})

describe('layoutEditor', () => {
  it('puts the prompt before the first line and its width before the others', () => {
    expect(layoutEditor('> ', 'one\ntwo', 7, 40)).toEqual({rows: ['> one', '  two'], cursorRow: 1, cursorColumn: 5})
    expect(layoutEditor('> ', 'one\ntwo', 2, 40)).toEqual({rows: ['> one', '  two'], cursorRow: 0, cursorColumn: 4})
    expect(layoutEditor('> ', '', 0, 40)).toEqual({rows: ['> '], cursorRow: 0, cursorColumn: 2})
  })

  it('wraps by columns, wide characters counting two, never past the width', () => {
    const text = '日本語のテキスト'
    const layout = layoutEditor('> ', text, 3, 12)
    expect(layout.rows).toEqual(['> 日本語の', '  テキスト'])
    for (const row of layout.rows) expect(stringWidth(row)).toBeLessThan(12)
    expect(layout).toMatchObject({cursorRow: 0, cursorColumn: 8})
    expect(layoutEditor('> ', text, 5, 12)).toMatchObject({cursorRow: 1, cursorColumn: 4})
  })

  it('shows a tab as four spaces, counted as such', () => {
    expect(layoutEditor('> ', 'a\tb', 3, 40)).toEqual({rows: ['> a    b'], cursorRow: 0, cursorColumn: 8})
  })

  it('puts the cursor after a full row at the start of the next one', () => {
    const layout = layoutEditor('> ', 'abcdefgh', 8, 11)
    expect(layout.rows).toEqual(['> abcdefgh', '  '])
    expect(layout).toMatchObject({cursorRow: 1, cursorColumn: 2})
  })

  it('places the cursor after joined emoji and combining marks by their width', () => {
    const text = 'a👨‍👩‍👧e\u0301b'
    const endOf = (s: string) => text.indexOf(s) + s.length
    expect(layoutEditor('> ', text, endOf('👨‍👩‍👧'), 40)).toMatchObject({cursorRow: 0, cursorColumn: 5})
    expect(layoutEditor('> ', text, endOf('e\u0301'), 40)).toMatchObject({cursorRow: 0, cursorColumn: 6})
  })
})

describe('the terminal prompt', () => {
  const paint = (_s: string, t: string) => t

  it('takes a bracketed paste of several lines as one message, and Enter sends it, its escapes left out', async () => {
    const term = fakeTerminal()
    const handlers = {ctrlC: () => undefined, escape: () => undefined, commands: () => [], root: '/'}
    const ui = new TerminalUi(term.input as unknown as NodeJS.ReadStream, term.output, paint, handlers)
    try {
      const read = ui.read()
      term.input.write(
        '\u001b[200~\u001b[31mTypeError\u001b[0m: x\u001b]52;c;ZXZpbA==\u0007\r\n    at f (a.js:1:1)\r\n    at g (b.js:2:2)\u001b[201~',
      )
      term.input.write('\r')
      expect(await read).toBe('TypeError: x\n    at f (a.js:1:1)\n    at g (b.js:2:2)')
      expect(term.text()).toContain('\u001b[?2004h')
      expect(attacks(term.text())).toEqual([])
    } finally {
      ui.close()
    }
  })

  it('offers no file whose name holds control characters for Tab, and prints no such name', async () => {
    const root = mkdtempSync(join(tmpdir(), 'oac-tab-'))
    writeFileSync(join(root, 'evil\u001b]0;pwned\u0007.txt'), '')
    writeFileSync(join(root, 'evil\u001b[2J.md'), '')
    writeFileSync(join(root, 'even.txt'), '')
    const term = fakeTerminal()
    const handlers = {ctrlC: () => undefined, escape: () => undefined, commands: () => [], root}
    const ui = new TerminalUi(term.input as unknown as NodeJS.ReadStream, term.output, paint, handlers)
    try {
      const read = ui.read()
      term.input.write('ev\t')
      term.input.write('\r')
      expect(await read).toBe('even.txt ')
      expect(attacks(term.text())).toEqual([])
    } finally {
      ui.close()
    }
  })
})
