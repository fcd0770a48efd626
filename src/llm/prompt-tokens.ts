import {countTokens} from './tokenizer.js'
import type {ChatMessage, ToolSpec} from './types.js'

// How many prompt tokens a chat request is, counted the way a ChatML template lays it out:
// `<|im_start|>role\n` + content + `<|im_end|>\n` per message (4 tokens of framing) and `<|im_start|>assistant\n`
// (3) to open the reply; tools are rendered as their JSON. `oac sim` reports this number as usage.prompt_tokens
// and the client uses it when a server sends no usage, so both sides agree.

export const MESSAGE_FRAMING_TOKENS = 4
export const REPLY_PRIMING_TOKENS = 3

/** The text of a message's content, whatever shape it came in (string, or parts with text). */
export function messageText(message: ChatMessage): string {
  const parts: string[] = []
  const content = (message as {content?: unknown}).content
  if (typeof content === 'string') parts.push(content)
  else if (Array.isArray(content))
    for (const part of content) if (part && typeof part === 'object' && 'text' in part) parts.push(String(part.text))
  const calls = (message as {tool_calls?: {function?: {name: string; arguments: string}}[]}).tool_calls
  for (const call of calls ?? []) if (call.function) parts.push(call.function.name, call.function.arguments)
  return parts.join('\n')
}

/** Prompt tokens of a chat request: messages with their framing, tool definitions, and the reply priming. */
export function countPromptTokens(messages: ChatMessage[], tools: ToolSpec[] = []): number {
  let total = REPLY_PRIMING_TOKENS
  for (const m of messages) total += MESSAGE_FRAMING_TOKENS + countTokens(m.role) + countTokens(messageText(m))
  if (tools.length) total += MESSAGE_FRAMING_TOKENS + countTokens(JSON.stringify(tools.map((t) => t.function)))
  return total
}
