import {parseTextToolCalls} from '../llm/text-tool-calls/index.js'
import type {ChatResult, ToolCall, ToolSpec} from '../llm/types.js'

// The calls of a reply: native `tool_calls` when the engine parsed them, else calls the model printed as text
// (Hermes, Qwen3-Coder XML, Mistral, JSON blocks, GLM) when the engine ran without a tool-call parser.

export interface ReplyCalls {
  /** The reply's text without printed calls. */
  text: string
  calls: ToolCall[]
  /** Where the calls came from. */
  source: 'native' | 'text' | 'none'
}

export function extractCalls(reply: Pick<ChatResult, 'content' | 'toolCalls'>, tools: ToolSpec[]): ReplyCalls {
  if (reply.toolCalls.length) return {text: reply.content.trim(), calls: reply.toolCalls, source: 'native'}
  const parsed = parseTextToolCalls(reply.content, 'auto', tools)
  if (!parsed.toolCalls.length) return {text: reply.content.trim(), calls: [], source: 'none'}
  return {text: parsed.content, calls: parsed.toolCalls, source: 'text'}
}
