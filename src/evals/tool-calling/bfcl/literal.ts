import type {PyType} from './values.js'

// Java and JavaScript arguments reach BFCL's checker as source text in a string ("new int[]{1, 2}", "[1, 2]");
// its type converters read them back into values. A converted value keeps the Python type BFCL would give it,
// since JSON numbers alone cannot say whether `3` came from `3.0f`.

export interface Typed {
  value: unknown
  type: PyType
  /** The Python type of each element, for list values. */
  items?: PyType[]
}

export const typed = (value: unknown, type: PyType, items?: PyType[]): Typed =>
  items ? {value, type, items} : {value, type}

/** Splits "a, 'b,c', [d, e]" on top-level commas, keeping quoted text and brackets whole. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = []
  let depth = 0
  let quote = ''
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (quote) {
      if (ch === '\\') i++
      else if (ch === quote) quote = ''
    } else if (ch === '"' || ch === "'") quote = ch
    else if ('[({'.includes(ch)) depth++
    else if ('])}'.includes(ch)) depth--
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i))
      start = i + 1
    }
  }
  parts.push(text.slice(start))
  return parts.map((p) => p.trim()).filter((p) => p !== '')
}

const INT = /^-?\d+$/
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

export const isQuoted = (s: string) =>
  s.length >= 2 && ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'")))

/** A literal with no declared type: booleans, quoted strings, then Python's int() and float(); else the text. */
export function parseBareLiteral(s: string, extra?: (s: string) => Typed | undefined): Typed {
  if (s === 'true') return typed(true, 'bool')
  if (s === 'false') return typed(false, 'bool')
  if (isQuoted(s)) return typed(s.slice(1, -1), 'str')
  const special = extra?.(s)
  if (special) return special
  if (INT.test(s)) return typed(Number(s), 'int')
  if (FLOAT.test(s)) return typed(Number(s), 'float')
  return typed(s, 'str')
}
