import {openAiBaseUrl} from './endpoint.js'
import type {ChatMessage, ToolSpec} from './types.js'

// The engine's own token count of a prompt: vLLM's `POST /tokenize` takes the chat request and counts the prompt
// its chat template renders (tools included); llama.cpp's server takes text (`{content}`) and returns the ids.
// https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html#tokenizer-api,
// https://github.com/ggml-org/llama.cpp/tree/master/tools/server#post-tokenize-tokenize-a-given-text

export interface EngineCount {
  tokens: number
  /** `template`: the whole chat prompt as the engine renders it; `text`: the same bytes, without a template. */
  form: 'template' | 'text'
}

/** The engine's count of `system` + `tools`, or undefined when the engine has no /tokenize (or does not answer). */
export async function engineTokenCount(
  endpoint: string,
  model: string,
  messages: ChatMessage[],
  tools: ToolSpec[],
  timeoutMs = 5000,
): Promise<EngineCount | undefined> {
  const root = openAiBaseUrl(endpoint).replace(/\/v1\/?$/, '')
  const post = async (body: unknown) => {
    const res = await fetch(`${root}/tokenize`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    }).catch(() => undefined)
    return res?.ok
      ? ((await res.json().catch(() => undefined)) as {count?: unknown; tokens?: unknown} | undefined)
      : undefined
  }
  const chat = await post({model, messages, tools, add_generation_prompt: false})
  if (typeof chat?.count === 'number') return {tokens: chat.count, form: 'template'}
  const text = messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n')
  const plain = await post({content: `${text}\n${JSON.stringify(tools)}`})
  if (Array.isArray(plain?.tokens)) return {tokens: plain.tokens.length, form: 'text'}
  return undefined
}
