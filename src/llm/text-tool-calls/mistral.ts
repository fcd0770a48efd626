import type {ToolCall} from '../types.js'
import {afterSpans, balancedEnd, callFromObject, cutSpans, parseMarked} from './json-text.js'
import type {ParsedText} from './types.js'

// Mistral templates: `[TOOL_CALLS][{"name": ..., "arguments": {...}}, ...]`, and the newer (v11+)
// `[TOOL_CALLS]name[ARGS]{...}`, repeated once per call.

const MARKER = '[TOOL_CALLS]'

export function parseMistral(text: string): ParsedText {
  const toolCalls: ToolCall[] = []
  const spans: [number, number][] = []
  let partial = false
  let at = text.indexOf(MARKER)
  while (at >= 0) {
    const start = at + MARKER.length
    const rest = text.slice(start)
    const lead = rest.length - rest.trimStart().length
    const open = start + lead
    if (text[open] === '[' || text[open] === '{') {
      const end = balancedEnd(text, open)
      if (end === undefined) {
        partial = true
        spans.push([at, text.length])
        break
      }
      const {value, repaired} = parseMarked(text.slice(open, end))
      for (const item of Array.isArray(value) ? value : [value]) {
        const call = callFromObject(item, `call_${toolCalls.length}`, repaired)
        if (call) toolCalls.push(call)
      }
      spans.push([at, end])
      at = text.indexOf(MARKER, end)
      continue
    }
    const args = /^([\w.-]+)\[ARGS\]/.exec(text.slice(open))
    const jsonAt = args ? open + args[0].length : -1
    const end = args ? balancedEnd(text, jsonAt) : undefined
    if (!args?.[1] || end === undefined) {
      partial = true
      spans.push([at, text.length])
      break
    }
    const raw = text.slice(jsonAt, end)
    const {value, repaired} = parseMarked(raw)
    toolCalls.push({
      id: `call_${toolCalls.length}`,
      name: args[1],
      arguments: value === undefined ? raw : JSON.stringify(value),
      ...(repaired ? {repaired} : {}),
    })
    spans.push([at, end])
    at = text.indexOf(MARKER, end)
  }
  return {content: cutSpans(text, spans), toolCalls, partial, trailing: afterSpans(text, spans)}
}
