// An Anthropic Messages request as a Chat Completions request: system blocks, multi-part content (text, images),
// tool definitions and choice, tool_use / tool_result blocks, thinking settings, stop sequences.

import {placeSystemMessages, type SystemMessageMode} from './system-messages.js'

type Json = Record<string, unknown>

/** Claude Code's per-request billing block changes every request; dropping it keeps the prompt prefix cacheable. */
export const BILLING_HEADER = 'x-anthropic-billing-header'

const isBilling = (b: unknown) =>
  !!b &&
  typeof b === 'object' &&
  typeof (b as Json).text === 'string' &&
  ((b as Json).text as string).startsWith(BILLING_HEADER)

/** Removes the billing block from `system` (string or blocks); returns whether the body changed. */
export function stripBillingHeader(body: Json): boolean {
  if (Array.isArray(body.system) && body.system.some(isBilling)) {
    body.system = body.system.filter((b) => !isBilling(b))
    return true
  }
  if (typeof body.system === 'string' && body.system.startsWith(BILLING_HEADER)) {
    body.system = body.system.split('\n').slice(1).join('\n').trimStart()
    return true
  }
  return false
}

function text(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .filter((b): b is Json => !!b && typeof b === 'object' && typeof (b as Json).text === 'string')
    .map((b) => b.text as string)
    .join('\n')
}

function imagePart(b: Json): Json | undefined {
  const source = b.source as Json | undefined
  if (source?.type === 'base64')
    return {type: 'image_url', image_url: {url: `data:${source.media_type};base64,${source.data}`}}
  if (source?.type === 'url') return {type: 'image_url', image_url: {url: source.url}}
  return undefined
}

/** User content: a plain string when it is all text, else chat content parts. */
function userContent(blocks: Json[]): string | Json[] {
  const parts: Json[] = []
  for (const b of blocks) {
    if (b.type === 'text') parts.push({type: 'text', text: b.text})
    else if (b.type === 'image') {
      const part = imagePart(b)
      if (part) parts.push(part)
    }
  }
  return parts.every((p) => p.type === 'text') ? parts.map((p) => p.text).join('\n') : parts
}

function messages(body: Json): Json[] {
  const out: Json[] = []
  const system = text(body.system)
  if (system) out.push({role: 'system', content: system})
  for (const m of (body.messages as Json[]) ?? []) {
    const blocks: Json[] =
      typeof m.content === 'string' ? [{type: 'text', text: m.content}] : ((m.content as Json[]) ?? [])
    if (m.role === 'assistant') {
      const calls = blocks
        .filter((b) => b.type === 'tool_use')
        .map((b) => ({id: b.id, type: 'function', function: {name: b.name, arguments: JSON.stringify(b.input ?? {})}}))
      const reasoning = blocks
        .filter((b) => b.type === 'thinking')
        .map((b) => b.thinking as string)
        .join('')
      const msg: Json = {
        role: 'assistant',
        content: text(blocks.filter((b) => b.type === 'text')) || (calls.length ? null : ''),
      }
      if (reasoning) msg.reasoning_content = reasoning
      if (calls.length) msg.tool_calls = calls
      out.push(msg)
      continue
    }
    for (const r of blocks.filter((b) => b.type === 'tool_result')) {
      const content = r.is_error === true ? `Error: ${text(r.content)}` : text(r.content)
      out.push({role: 'tool', tool_call_id: r.tool_use_id, content})
    }
    const rest = blocks.filter((b) => b.type !== 'tool_result')
    if (rest.length) out.push({role: m.role === 'system' ? 'system' : 'user', content: userContent(rest)})
  }
  return out
}

function toolChoice(choice: Json | undefined): unknown {
  if (!choice) return undefined
  if (choice.type === 'any') return 'required'
  if (choice.type === 'tool') return {type: 'function', function: {name: choice.name}}
  return choice.type === 'none' ? 'none' : 'auto'
}

/**
 * The chat body for an upstream; `model` is the upstream's model id. Always streamed, with usage. System messages
 * inside `messages` are placed per `systemMessages` (system-messages.ts).
 */
export function anthropicToChat(body: Json, model: string, systemMessages: SystemMessageMode = 'keep'): Json {
  const chat: Json = {
    model,
    messages: placeSystemMessages(messages(body), systemMessages),
    stream: true,
    stream_options: {include_usage: true},
  }
  if (typeof body.max_tokens === 'number') chat.max_tokens = body.max_tokens
  for (const key of ['temperature', 'top_p', 'top_k'] as const) if (body[key] !== undefined) chat[key] = body[key]
  if (Array.isArray(body.stop_sequences) && body.stop_sequences.length) chat.stop = body.stop_sequences
  const tools = ((body.tools as Json[] | undefined) ?? []).filter((t) => t.type === undefined || t.type === 'custom')
  if (tools.length)
    chat.tools = tools.map((t) => ({
      type: 'function',
      function: {name: t.name, description: t.description ?? '', parameters: t.input_schema ?? {type: 'object'}},
    }))
  const choice = tools.length ? toolChoice(body.tool_choice as Json | undefined) : undefined
  if (choice) chat.tool_choice = choice
  const thinking = body.thinking as Json | undefined
  // vLLM, SGLang and llama.cpp read this to switch a hybrid model's thinking on or off (Qwen3's template).
  if (thinking?.type) chat.chat_template_kwargs = {enable_thinking: thinking.type !== 'disabled'}
  return chat
}
