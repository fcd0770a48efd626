import {jsonrepair} from 'jsonrepair'
import type {ToolCall} from '../types.js'
import type {ParamTypes} from './types.js'

/** End index (exclusive) of the JSON object or array starting at `start`, string-aware; undefined if unbalanced. */
export function balancedEnd(text: string, start: number): number | undefined {
  const stack: string[] = []
  let inString = false
  for (let i = start; i < text.length; i++) {
    const ch = text[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
      continue
    }
    if (ch === '"') inString = true
    else if (ch === '{' || ch === '[') stack.push(ch === '{' ? '}' : ']')
    else if (ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return undefined
      if (!stack.length) return i + 1
    }
  }
  return undefined
}

/** JSON.parse, then jsonrepair; undefined when neither gives a value. */
export function parseLoose(text: string): unknown {
  return parseMarked(text).value
}

/** JSON.parse, then jsonrepair, saying whether the repair was needed (an eval scores only what parses as sent). */
export function parseMarked(text: string): {value: unknown; repaired: boolean} {
  try {
    return {value: JSON.parse(text), repaired: false}
  } catch {
    try {
      return {value: JSON.parse(jsonrepair(text)), repaired: true}
    } catch {
      return {value: undefined, repaired: false}
    }
  }
}

/** A call object in any of the shapes models print: {name, arguments|parameters}, {tool|function: name, args}. */
export function callFromObject(obj: unknown, id: string, repaired = false): ToolCall | undefined {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined
  const o = obj as Record<string, unknown>
  const fn = o.function && typeof o.function === 'object' ? (o.function as Record<string, unknown>) : undefined
  const name = o.name ?? o.tool ?? (typeof o.function === 'string' ? o.function : fn?.name)
  if (typeof name !== 'string' || !name) return undefined
  const args = o.arguments ?? o.parameters ?? o.args ?? o.input ?? fn?.arguments ?? {}
  return {id, name, arguments: typeof args === 'string' ? args : JSON.stringify(args), ...(repaired ? {repaired} : {})}
}

/** A raw parameter value: text where the schema wants a string; JSON where it wants something else, or, with no
 * schema, where the text is strict JSON that is not a string (a number, boolean, null, object or array). */
export function paramValue(raw: string, tool: string, param: string, types?: ParamTypes): unknown {
  const type = types?.get(tool)?.get(param)
  if (type === 'string') return raw
  if (type !== undefined) return parseLoose(raw.trim()) ?? raw
  try {
    const parsed: unknown = JSON.parse(raw)
    return typeof parsed === 'string' ? raw : parsed
  } catch {
    return raw
  }
}

/** Removes the spans [start, end) from text and trims the rest. */
/** The text after the last span, trimmed ('' when there are none: nothing follows a call). */
export function afterSpans(text: string, spans: [number, number][]): string {
  if (!spans.length) return ''
  return text.slice(Math.max(...spans.map((s) => s[1]))).trim()
}

export function cutSpans(text: string, spans: [number, number][]): string {
  let out = ''
  let at = 0
  for (const [s, e] of spans.sort((a, b) => a[0] - b[0])) {
    out += text.slice(at, s)
    at = e
  }
  return (out + text.slice(at)).replace(/\n{3,}/g, '\n\n').trim()
}
