import {isQuoted, parseBareLiteral, splitTopLevel, type Typed, typed} from './literal.js'
import type {PyType} from './values.js'

// JavaScript arguments as BFCL's checker reads them: each parameter is JavaScript source text in a string,
// converted by its declared type; text that does not fit the type stays a string.
// Source: berkeley-function-call-leaderboard/bfcl_eval/eval_checker/ast_eval/type_convertor/js_type_converter.py
// and bfcl_eval/constants/type_mappings.py (`JS_TYPE_CONVERSION`). Elements are split on top-level commas only.

export const JS_TYPES: Record<string, PyType> = {
  String: 'str',
  integer: 'int',
  float: 'float',
  Bigint: 'int',
  Boolean: 'bool',
  dict: 'dict',
  array: 'list',
  any: 'str',
}

const list = (items: Typed[]): Typed =>
  typed(
    items.map((i) => i.value),
    'list',
    items.map((i) => i.type),
  )

function jsArray(text: string, nested?: string): Typed {
  const t = text.trim()
  const body = /^\[(.*)\]$/s.exec(t)?.[1] ?? /^new\s+Array\((.*)\)$/s.exec(t)?.[1]
  if (body === undefined) return typed(text, 'str')
  const parts = splitTopLevel(body)
  if (parts.length && parts.every((p) => p.startsWith('['))) return list(parts.map((p) => jsArray(p)))
  return list(parts.map((p) => (nested ? jsValue(p, nested) : jsLiteral(p))))
}

function jsDict(text: string): Typed {
  const body = /^\{(.*)\}$/s.exec(text.trim())?.[1]
  if (body === undefined) return typed(text, 'str')
  const out: Record<string, unknown> = {}
  for (const pair of splitTopLevel(body)) {
    const colon = pair.indexOf(':')
    if (colon < 0) return typed(text, 'str')
    const key = pair
      .slice(0, colon)
      .trim()
      .replace(/^['"]|['"]$/g, '')
    out[key] = jsLiteral(pair.slice(colon + 1).trim()).value
  }
  return typed(out, 'dict')
}

function jsLiteral(s: string): Typed {
  if (s.startsWith('[') || s.startsWith('new Array(')) return jsArray(s)
  if (s.startsWith('{')) return jsDict(s)
  return parseBareLiteral(s)
}

/** Converts JavaScript source text to a value of the declared type, or leaves it as a string. */
export function jsValue(text: string, type: string, nested?: string): Typed {
  switch (type) {
    case 'String':
      return typed(isQuoted(text) ? text.slice(1, -1) : text, 'str')
    case 'integer':
      return /^-?\d+$/.test(text) ? typed(Number(text), 'int') : typed(text, 'str')
    case 'float':
      return /^-?\d+(\.\d+)?$/.test(text) ? typed(Number(text), 'float') : typed(text, 'str')
    case 'Bigint':
      return /^-?\d+n$/.test(text) ? typed(Number(text.slice(0, -1)), 'int') : typed(text, 'str')
    case 'Boolean':
      return text === 'true' || text === 'false' ? typed(text === 'true', 'bool') : typed(text, 'str')
    case 'dict':
      return jsDict(text)
    case 'array':
      return jsArray(text, nested)
    default:
      return typed(text, 'str')
  }
}
