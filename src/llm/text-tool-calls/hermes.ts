import {callFromObject, parseMarked} from './json-text.js'
import {parseTaggedBlocks} from './tagged-blocks.js'
import type {ParsedText} from './types.js'

// Hermes / Qwen2.5 chat templates: <tool_call>{"name": ..., "arguments": {...}}</tool_call>, one block per call.
// A block whose JSON cannot be repaired keeps its raw text as arguments, for the validator to explain.

export function parseHermes(text: string): ParsedText {
  return parseTaggedBlocks(
    text,
    (raw) => {
      const body = raw.trim()
      const read = parseMarked(body)
      const call = callFromObject(read.value, '', read.repaired)
      if (call) return {name: call.name, arguments: call.arguments, ...(call.repaired ? {repaired: true} : {})}
      const name = /"name"\s*:\s*"([^"]+)"/.exec(body)?.[1]
      if (!name) return undefined
      return {name, arguments: /"arguments"\s*:\s*([\s\S]*?)\s*\}?\s*$/.exec(body)?.[1] ?? body}
    },
    isWholeJson,
  )
}

/** An unclosed block whose JSON is nonetheless whole (the model stopped before `</tool_call>`). */
function isWholeJson(body: string): boolean {
  try {
    JSON.parse(body)
    return true
  } catch {
    return false
  }
}
