import {parseBareLiteral, splitTopLevel, type Typed, typed} from './literal.js'
import type {PyType} from './values.js'

// Java arguments as BFCL's checker reads them: each parameter is Java source text in a string, converted by its
// declared Java type; text that does not fit the type stays a string (and then fails the type check).
// Source: berkeley-function-call-leaderboard/bfcl_eval/eval_checker/ast_eval/type_convertor/java_type_converter.py
// and bfcl_eval/constants/type_mappings.py (`JAVA_TYPE_CONVERSION`). Unlike BFCL's regular expressions, elements
// are split on top-level commas only, so a string element may contain a comma.

export const JAVA_TYPES: Record<string, PyType> = {
  byte: 'int',
  short: 'int',
  integer: 'int',
  float: 'float',
  double: 'float',
  long: 'int',
  boolean: 'bool',
  char: 'str',
  Array: 'list',
  ArrayList: 'list',
  Set: 'set',
  HashMap: 'dict',
  Hashtable: 'dict',
  Queue: 'list',
  Stack: 'list',
  String: 'str',
  any: 'str',
}

/** Types BFCL lists but cannot convert: its checker stops on them, so oac fails the case with this reason. */
export class UnconvertibleJavaType extends Error {}

function javaLiteral(s: string): Typed {
  return parseBareLiteral(s, (t) => {
    if (/^-?\d+[lL]$/.test(t)) return typed(Number(t.slice(0, -1)), 'int')
    if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?[fF]$/.test(t)) return typed(Number(t.slice(0, -1)), 'float')
    return undefined
  })
}

function elements(parts: string[], nested?: string): Typed[] {
  return parts.map((p) =>
    nested === 'char' || nested === 'String'
      ? typed(p.slice(1, -1), 'str')
      : nested
        ? javaValue(p, nested)
        : javaLiteral(p),
  )
}

const list = (items: Typed[]): Typed =>
  typed(
    items.map((i) => i.value),
    'list',
    items.map((i) => i.type),
  )

function arrayList(text: string, nested?: string): Typed {
  const asList = /new\s+ArrayList<\w*>\(Arrays\.asList\((.+?)\)\)/s.exec(text)
  if (asList?.[1]) return list(elements(splitTopLevel(asList[1]), nested))
  const adds = /new\s+ArrayList<\w*>\(\)\s*\{\{\s*(.+?)\s*\}\}/s.exec(text)
  if (adds?.[1])
    return list(
      elements(
        [...adds[1].matchAll(/add\((.+?)\);?/g)].map((m) => (m[1] as string).trim()),
        nested,
      ),
    )
  if (/new\s+ArrayList<\w*>\(\)/.test(text)) return list([])
  return typed(text, 'str')
}

function hashMap(text: string): Typed {
  const body = /new\s+HashMap<.*?>\s*\(\)\s*\{\s*\{?\s*(.*?)\s*\}?\s*\}/s.exec(text)
  if (body) {
    const out: Record<string, unknown> = {}
    for (const m of (body[1] ?? '').matchAll(/put\("(.*?)",\s*(.*?)\)/g))
      out[m[1] as string] = javaLiteral((m[2] as string).trim()).value
    return typed(out, 'dict')
  }
  return /new\s+HashMap<.*?>\s*\(\)/.test(text) ? typed({}, 'dict') : typed(text, 'str')
}

/** Converts Java source text to a value of the declared type, or leaves it as a string. */
export function javaValue(text: string, type: string, nested?: string): Typed {
  switch (type) {
    case 'byte':
    case 'short':
    case 'integer':
      return /^-?\d+$/.test(text) ? typed(Number(text), 'int') : typed(text, 'str')
    case 'float':
      return /^-?\d+(\.\d+)?([eE][+-]?\d+)?[fF]$/.test(text)
        ? typed(Number(text.slice(0, -1)), 'float')
        : typed(text, 'str')
    case 'double':
      return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? typed(Number(text), 'float') : typed(text, 'str')
    case 'long':
      return /^-?\d+[lL]$/.test(text) ? typed(Number(text.slice(0, -1)), 'int') : typed(text, 'str')
    case 'boolean':
      return text === 'true' || text === 'false' ? typed(text === 'true', 'bool') : typed(text, 'str')
    case 'Array': {
      const m = /new\s+\w+\[\]\s*\{(.*?)\}/s.exec(text)
      return m ? list(elements(splitTopLevel(m[1] ?? ''), nested)) : typed(text, 'str')
    }
    case 'ArrayList':
      return arrayList(text, nested)
    case 'HashMap':
      return hashMap(text)
    case 'Set':
    case 'Hashtable':
    case 'Queue':
    case 'Stack':
      throw new UnconvertibleJavaType(`BFCL's checker cannot convert Java \`${type}\` values`)
    default:
      return typed(text, 'str')
  }
}
