import {messageText} from '../../llm/prompt-tokens.js'
import type {ChatMessage, ToolSpec} from '../../llm/types.js'

// ChatML prompt for the embedded engine. Tools are described in the system message the way Hermes/Qwen2.5
// templates do, so a model that learned that convention answers with <tool_call> blocks, parsed back into tool_calls.

export function chatmlPrompt(messages: ChatMessage[], tools: ToolSpec[]): string {
  const parts: string[] = []
  const toolText = tools.length
    ? `# Tools\nYou may call one or more functions. Function signatures:\n<tools>\n${tools.map((t) => JSON.stringify(t.function)).join('\n')}\n</tools>\nFor each call, return <tool_call>{"name": <name>, "arguments": <args>}</tool_call>.`
    : ''
  const [first, ...rest] = messages
  const system = first?.role === 'system' ? messageText(first) : ''
  const body = first?.role === 'system' ? rest : messages
  if (system || toolText) parts.push(`<|im_start|>system\n${[system, toolText].filter(Boolean).join('\n\n')}<|im_end|>`)
  for (const m of body) {
    const role = m.role === 'tool' ? 'user' : m.role
    const text = m.role === 'tool' ? `<tool_response>\n${messageText(m)}\n</tool_response>` : messageText(m)
    parts.push(`<|im_start|>${role}\n${text}<|im_end|>`)
  }
  parts.push('<|im_start|>assistant\n')
  return parts.join('\n')
}
