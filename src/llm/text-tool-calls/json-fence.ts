import type {ToolCall} from '../types.js'
import {afterSpans, balancedEnd, callFromObject, cutSpans, parseMarked} from './json-text.js'
import type {ParsedText} from './types.js'

// Calls printed as JSON: in ```json fences, or as the whole reply. Shapes: {name, arguments}, {name, parameters},
// {tool|function: name, args}, or an array of them. JSON that is not call-shaped stays in the content.

function calls({value, repaired}: {value: unknown; repaired: boolean}, into: ToolCall[]): boolean {
  const items = Array.isArray(value) ? value : [value]
  const found = items.map((v) => callFromObject(v, `call_${into.length}`, repaired))
  if (!found.length || found.some((c) => !c)) return false
  for (const c of found) if (c) into.push({...c, id: `call_${into.length}`})
  return true
}

export function parseJsonToolCalls(text: string): ParsedText {
  const toolCalls: ToolCall[] = []
  const spans: [number, number][] = []
  let partial = false
  for (const m of text.matchAll(/```(?:json|tool_call|tool)?[ \t]*\n([\s\S]*?)```/g)) {
    const read = parseMarked((m[1] ?? '').trim())
    if (read.value !== undefined && calls(read, toolCalls)) spans.push([m.index, m.index + m[0].length])
  }
  // An unclosed fence that starts like a call: streamed input cut mid-call.
  const fences = text.match(/```/g)?.length ?? 0
  if (fences % 2 === 1) {
    const last = text.lastIndexOf('```')
    if (/^```(?:json|tool_call|tool)?\s*[{[]/.test(text.slice(last))) {
      partial = true
      spans.push([last, text.length])
    }
  }
  const trimmed = text.trim()
  if (!spans.length && /^[{[]/.test(trimmed)) {
    const start = text.indexOf(trimmed[0] ?? '{')
    const end = balancedEnd(text, start)
    if (end === undefined) partial = /"(name|tool|function)"/.test(trimmed)
    else {
      const read = parseMarked(text.slice(start, end))
      if (read.value !== undefined && calls(read, toolCalls)) spans.push([start, end])
    }
    if (partial) spans.push([start, text.length])
  }
  return {content: cutSpans(text, spans), toolCalls, partial, trailing: afterSpans(text, spans)}
}
