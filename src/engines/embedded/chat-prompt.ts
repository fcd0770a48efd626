import type {ChatHistoryItem, ChatWrapper, LlamaModel, Token} from 'node-llama-cpp'
import {messageText} from '../../llm/prompt-tokens.js'
import type {ChatMessage, ToolSpec} from '../../llm/types.js'

// The embedded engine's prompt, laid out by the model's own chat template: node-llama-cpp's resolveChatWrapper
// reads `tokenizer.chat_template` from the GGUF and picks its specialised wrapper for a template it recognises
// (Llama 3, Mistral, Gemma, gpt-oss Harmony, ChatML...) or renders the Jinja template itself
// (https://node-llama-cpp.withcat.ai/guide/chat-wrapper). Tools are described in the system message the way
// Hermes/Qwen templates do, and tool results come back as <tool_response> user turns, so a model that learned that
// convention answers with <tool_call> blocks, which the engine parses back into tool_calls.

export function toolSystemText(tools: ToolSpec[]): string {
  return tools.length
    ? `# Tools\nYou may call one or more functions. Function signatures:\n<tools>\n${tools.map((t) => JSON.stringify(t.function)).join('\n')}\n</tools>\nFor each call, return <tool_call>{"name": <name>, "arguments": <args>}</tool_call>.`
    : ''
}

/** The OpenAI messages as node-llama-cpp chat history, ending with the empty model turn to generate. */
export function chatHistory(messages: ChatMessage[], tools: ToolSpec[]): ChatHistoryItem[] {
  const [first, ...rest] = messages
  const system = [
    first?.role === 'system' || first?.role === 'developer' ? messageText(first) : '',
    toolSystemText(tools),
  ]
    .filter(Boolean)
    .join('\n\n')
  const body = first?.role === 'system' || first?.role === 'developer' ? rest : messages
  const history: ChatHistoryItem[] = system ? [{type: 'system', text: system}] : []
  for (const m of body) {
    if (m.role === 'assistant') {
      const calls = (m.tool_calls ?? []).flatMap((c) =>
        c.type === 'function'
          ? [
              `<tool_call>{"name": ${JSON.stringify(c.function.name)}, "arguments": ${c.function.arguments || '{}'}}</tool_call>`,
            ]
          : [],
      )
      history.push({type: 'model', response: [[messageText(m), ...calls].filter(Boolean).join('\n')]})
    } else if (m.role === 'tool')
      history.push({type: 'user', text: `<tool_response>\n${messageText(m)}\n</tool_response>`})
    else if (m.role === 'system' || m.role === 'developer') history.push({type: 'system', text: messageText(m)})
    else history.push({type: 'user', text: messageText(m)})
  }
  history.push({type: 'model', response: []})
  return history
}

/** The prompt tokens for a chat request, laid out by `wrapper` (the model's template). */
export function chatPromptTokens(
  model: LlamaModel,
  wrapper: ChatWrapper,
  messages: ChatMessage[],
  tools: ToolSpec[],
): Token[] {
  const {contextText} = wrapper.generateContextState({chatHistory: chatHistory(messages, tools)})
  return contextText.tokenize(model.tokenizer)
}
