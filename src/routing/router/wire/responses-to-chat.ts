// An OpenAI Responses request as a Chat Completions request: instructions, input items (message, function_call,
// function_call_output, reasoning), function tools and choice, max_output_tokens. Stateless: the client sends the
// whole conversation (Codex does, with store: false); previous_response_id cannot be honoured.

import {placeSystemMessages, type SystemMessageMode} from './system-messages.js'

type Json = Record<string, unknown>

export class ResponsesInputError extends Error {}

function partsText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .filter((p): p is Json => !!p && typeof p === 'object' && typeof (p as Json).text === 'string')
    .map((p) => p.text as string)
    .join('\n')
}

function userContent(content: unknown): string | Json[] {
  if (typeof content === 'string' || !Array.isArray(content)) return partsText(content)
  const images = (content as Json[]).filter((p) => p.type === 'input_image')
  if (!images.length) return partsText(content)
  return (content as Json[]).flatMap((p): Json[] => {
    if (p.type === 'input_image') return [{type: 'image_url', image_url: {url: p.image_url}}]
    return typeof p.text === 'string' ? [{type: 'text', text: p.text}] : []
  })
}

function messages(body: Json): Json[] {
  const out: Json[] = []
  if (typeof body.instructions === 'string' && body.instructions) out.push({role: 'system', content: body.instructions})
  if (typeof body.input === 'string') {
    out.push({role: 'user', content: body.input})
    return out
  }
  if (!Array.isArray(body.input)) throw new ResponsesInputError('`input` must be a string or an array of input items')
  let reasoning = ''
  for (const item of body.input as Json[]) {
    const type = item.type ?? 'message'
    if (type === 'message') {
      const role = item.role === 'developer' ? 'system' : item.role
      if (role === 'assistant') {
        const msg: Json = {role, content: partsText(item.content)}
        if (reasoning) msg.reasoning_content = reasoning
        reasoning = ''
        out.push(msg)
      } else out.push({role, content: role === 'user' ? userContent(item.content) : partsText(item.content)})
    } else if (type === 'function_call') {
      const call = {id: item.call_id, type: 'function', function: {name: item.name, arguments: item.arguments ?? '{}'}}
      const last = out[out.length - 1]
      if (last?.role === 'assistant' && !out.slice(-1).some((m) => m.role === 'tool'))
        last.tool_calls = [...((last.tool_calls as Json[] | undefined) ?? []), call]
      else {
        const msg: Json = {role: 'assistant', content: null, tool_calls: [call]}
        if (reasoning) msg.reasoning_content = reasoning
        reasoning = ''
        out.push(msg)
      }
    } else if (type === 'function_call_output')
      out.push({
        role: 'tool',
        tool_call_id: item.call_id,
        content: typeof item.output === 'string' ? item.output : partsText(item.output),
      })
    else if (type === 'reasoning') reasoning += partsText(item.content) || partsText(item.summary)
  }
  return out
}

function toolChoice(choice: unknown): unknown {
  if (typeof choice === 'string') return choice
  const c = choice as Json | undefined
  return c?.type === 'function' ? {type: 'function', function: {name: c.name}} : undefined
}

/**
 * The chat body for an upstream; `model` is the upstream's model id. Always streamed, with usage. System and
 * developer messages after the first are placed per `systemMessages` (system-messages.ts).
 */
export function responsesToChat(body: Json, model: string, systemMessages: SystemMessageMode = 'keep'): Json {
  if (body.previous_response_id)
    throw new ResponsesInputError(
      'previous_response_id is not supported: oac router stores no responses; send the whole input (store: false)',
    )
  const chat: Json = {
    model,
    messages: placeSystemMessages(messages(body), systemMessages),
    stream: true,
    stream_options: {include_usage: true},
  }
  if (typeof body.max_output_tokens === 'number') chat.max_tokens = body.max_output_tokens
  for (const key of ['temperature', 'top_p', 'parallel_tool_calls'] as const)
    if (body[key] !== undefined && body[key] !== null) chat[key] = body[key]
  const tools = ((body.tools as Json[] | undefined) ?? []).filter((t) => t.type === 'function')
  if (tools.length) {
    chat.tools = tools.map((t) => ({
      type: 'function',
      function: {
        name: t.name,
        description: t.description ?? '',
        parameters: t.parameters ?? {type: 'object', properties: {}},
      },
    }))
    const choice = toolChoice(body.tool_choice)
    if (choice) chat.tool_choice = choice
  }
  const format = (body.text as Json | undefined)?.format as Json | undefined
  if (format?.type === 'json_schema')
    chat.response_format = {
      type: 'json_schema',
      json_schema: {name: format.name ?? 'reply', schema: format.schema, strict: format.strict},
    }
  else if (format?.type === 'json_object') chat.response_format = {type: 'json_object'}
  return chat
}
