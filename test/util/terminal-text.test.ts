import {describe, expect, it} from 'vitest'
import {keepStyles, printable, showControls, stripControls, stripControlsDeep} from '../../src/util/terminal-text.js'

// What a model, a file or a tool prints must not drive the terminal: the review's payloads, one by one.

const ESC = '\u001b'
const ATTACKS: [string, string, string][] = [
  ['screen clear and cursor home', `before${ESC}[2J${ESC}[Hafter`, 'beforeafter'],
  ['window title (OSC 0, BEL)', `a${ESC}]0;pwned${'\u0007'}b`, 'ab'],
  [
    'OSC 8 link whose text lies',
    `${ESC}]8;;https://evil.example${ESC}\\docs.python.org${ESC}]8;;${ESC}\\`,
    'docs.python.org',
  ],
  ['OSC 52 clipboard write', `ok${ESC}]52;c;Y3VybCBldmlsfHNo${'\u0007'}`, 'ok'],
  ['line erase after a carriage return', `touch X # \r${ESC}[2Knpm test`, 'touch X # npm test'],
  ['C1 CSI and C1 OSC', `x\u009b2Jy\u009d0;t\u009cz`, 'xyz'],
  ['DCS string', `p${ESC}P1$qm${ESC}\\q`, 'pq'],
  ['full reset and charset switch', `${ESC}c${ESC}(0ok`, 'ok'],
  ['backspaces over shown text', 'rm -rf /\b\b\b\b\b\b\b\bls', 'rm -rf /ls'],
  ['an unterminated OSC keeps its text visible', `${ESC}]52;c;ZXZpbA==`, '52;c;ZXZpbA=='],
  ['SGR from a model', `${ESC}[8mhidden${ESC}[0m`, 'hidden'],
]

describe('terminal text', () => {
  it('strips every sequence and control character, keeping newlines and tabs', () => {
    for (const [name, input, shown] of ATTACKS) expect(stripControls(input), name).toBe(shown)
    expect(stripControls('line 1\r\nline 2\n\tindented')).toBe('line 1\nline 2\n\tindented')
    expect(stripControls('plain text, ünïcode ✓')).toBe('plain text, ünïcode ✓')
  })

  it("keeps oac's own SGR styling where lines reach the terminal, and nothing else", () => {
    const dim = (t: string) => `${ESC}[2m${t}${ESC}[22m`
    expect(keepStyles(dim('thinking…'))).toBe(dim('thinking…'))
    expect(keepStyles(`${dim('a')}${ESC}]0;title${'\u0007'}${ESC}[2J\rb`)).toBe(`${dim('a')}b`)
  })

  it('drops the conceal attribute (SGR 8), which hides text in plain sight, and keeps colours that contain an 8', () => {
    expect(keepStyles(`ok ${ESC}[8mrm -rf ~${ESC}[28m done`)).toBe(`ok rm -rf ~${ESC}[28m done`)
    expect(keepStyles(`${ESC}[1;8mhidden${ESC}[0m`)).toBe(`${ESC}[1mhidden${ESC}[0m`)
    expect(keepStyles(`${ESC}[38;5;8mgrey${ESC}[m`)).toBe(`${ESC}[38;5;8mgrey${ESC}[m`)
    expect(keepStyles(`${ESC}[48;2;8;8;8mdark${ESC}[0m`)).toBe(`${ESC}[48;2;8;8;8mdark${ESC}[0m`)
    expect(printable(`model ${ESC}[8msecret${ESC}[0m`)).toBe(`model secret${ESC}[0m`)
  })

  it('shows a command for approval with its control characters visible', () => {
    expect(showControls(`touch X # \r${ESC}[2Knpm test`)).toBe('touch X # \\r\\e[2Knpm test')
    expect(showControls('a\u0000b\u007fc\u009bd\te')).toBe('a\\x00b\\x7fc\\x9bd\\te')
    expect(showControls('echo "\u202eevil"')).toBe('echo "\\u202eevil"')
    expect(showControls('npm test\nnpm run lint')).toBe('npm test\nnpm run lint')
  })

  it('cleans every string of an event, whatever its shape', () => {
    const event = {type: 'tool_result', output: `${ESC}[2Jok`, nested: {list: [`a${ESC}[1Ab`]}, n: 3, ok: true}
    expect(stripControlsDeep(event)).toEqual({
      type: 'tool_result',
      output: 'ok',
      nested: {list: ['ab']},
      n: 3,
      ok: true,
    })
  })

  it('what a command prints: text as keepStyles; JSON whole and valid, its C1 characters escaped', () => {
    for (const [name, input] of ATTACKS) expect(printable(input), name).toBe(keepStyles(input))
    const json = JSON.stringify({model: `m${ESC}[2J\u009b2Jx\u007f`, n: 1})
    expect(json).toContain('\u009b')
    const shown = printable(json)
    expect(shown).toBe('{"model":"m\\u001b[2J\\u009b2Jx\\u007f","n":1}')
    expect(JSON.parse(shown)).toEqual(JSON.parse(json))
    expect(printable(JSON.stringify([{a: 1}], null, 2))).toBe(JSON.stringify([{a: 1}], null, 2))
    expect(printable(`{not json${ESC}]0;t\u0007}`)).toBe('{not json}')
  })
})
