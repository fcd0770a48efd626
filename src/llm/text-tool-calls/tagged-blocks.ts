import type {ToolCall} from '../types.js'
import {afterSpans, cutSpans} from './json-text.js'
import type {ParsedText} from './types.js'

/**
 * The shared shape of Hermes, Qwen3-Coder and GLM-4.5 output: calls inside `<tool_call>…</tool_call>`. `parse` reads
 * one block's body (undefined: not this format's call, left in the content). A last block left open (the reply was
 * cut, or the model stopped before the closing tag) is still a call when `isComplete` says its body is whole;
 * otherwise it marks `partial`.
 */
export function parseTaggedBlocks(
  text: string,
  parse: (body: string) => Omit<ToolCall, 'id'> | undefined,
  isComplete: (body: string) => boolean = () => false,
): ParsedText {
  const toolCalls: ToolCall[] = []
  const spans: [number, number][] = []
  for (const m of text.matchAll(/<tool_call>([\s\S]*?)<\/tool_call>/g)) {
    const call = parse(m[1] ?? '')
    if (!call) continue
    toolCalls.push({id: `call_${toolCalls.length}`, ...call})
    spans.push([m.index, m.index + m[0].length])
  }
  const lastOpen = text.lastIndexOf('<tool_call>')
  let partial = lastOpen >= 0 && text.indexOf('</tool_call>', lastOpen) < 0
  if (partial) {
    const body = text.slice(lastOpen + '<tool_call>'.length)
    const call = isComplete(body) ? parse(body) : undefined
    if (call) {
      toolCalls.push({id: `call_${toolCalls.length}`, ...call})
      partial = false
    }
    spans.push([lastOpen, text.length])
  }
  return {content: cutSpans(text, spans), toolCalls, partial, trailing: afterSpans(text, spans)}
}
