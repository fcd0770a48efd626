import type {IncomingMessage, ServerResponse} from 'node:http'
import {countPromptTokens} from '../../llm/prompt-tokens.js'
import type {ChatMessage, ToolSpec} from '../../llm/types.js'
import {thinkingSignature} from '../../routing/router/wire/anthropic-writer.js'
import type {ChatBackend} from './backend.js'
import type {FinishReason, SimRequest, SimSink, TokenEvent} from './chat-request.js'
import {cutReply, readJson, SimHttpError, sendJson, sseData, startSse} from './http-io.js'

// The Anthropic Messages API (/v1/messages), with the event sequence the @anthropic-ai/sdk expects:
// message_start, content_block_start/delta/stop (text, thinking, tool_use with input_json_delta),
// message_delta with the stop reason and output tokens, message_stop.

type Block =
  | {type: 'text'; text: string}
  | {type: 'thinking'; thinking: string; signature?: string}
  | {type: 'tool_use'; id: string; name: string; input: string}

const STOP_REASON: Record<FinishReason, string> = {stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use'}
let seq = 0

export function anthropicError(res: ServerResponse, error: SimHttpError): void {
  const type = error.status === 400 ? 'invalid_request_error' : error.status === 404 ? 'not_found_error' : 'api_error'
  sendJson(res, error.status, {type: 'error', error: {type, message: error.message}})
}

function blockText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content.map((b) => (b && typeof b === 'object' && 'text' in b ? String(b.text) : '')).join('\n')
}

/** Anthropic messages as chat messages, for token counting and script matching. */
function toChatMessages(body: Record<string, unknown>): ChatMessage[] {
  const out: ChatMessage[] = []
  const system = blockText(body.system)
  if (system) out.push({role: 'system', content: system})
  for (const m of body.messages as {role: 'user' | 'assistant' | 'system'; content: unknown}[]) {
    if (typeof m.content === 'string') {
      out.push({role: m.role, content: m.content} as ChatMessage)
      continue
    }
    const blocks = Array.isArray(m.content) ? (m.content as Record<string, unknown>[]) : []
    const text = blocks.filter((b) => b.type === 'text').map((b) => String(b.text))
    const uses = blocks.filter((b) => b.type === 'tool_use')
    if (m.role === 'assistant')
      out.push({
        role: 'assistant',
        content: text.join('\n'),
        ...(uses.length
          ? {
              tool_calls: uses.map((u) => ({
                id: String(u.id),
                type: 'function' as const,
                function: {name: String(u.name), arguments: JSON.stringify(u.input ?? {})},
              })),
            }
          : {}),
      })
    else {
      for (const r of blocks.filter((b) => b.type === 'tool_result'))
        out.push({role: 'tool', tool_call_id: String(r.tool_use_id), content: blockText(r.content)})
      if (text.length) out.push({role: m.role === 'system' ? 'system' : 'user', content: text.join('\n')})
    }
  }
  return out
}

function messagesRequest(engine: ChatBackend, body: Record<string, unknown>, arrivedAt: number): SimRequest {
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    throw new SimHttpError(400, 'messages: field required (a non-empty array)')
  if (typeof body.max_tokens !== 'number') throw new SimHttpError(400, 'max_tokens: field required')
  const tools = Array.isArray(body.tools)
    ? (body.tools as {name: string; description?: string; input_schema: Record<string, unknown>}[]).map(
        (t): ToolSpec => ({
          type: 'function',
          function: {name: t.name, description: t.description ?? '', parameters: t.input_schema},
        }),
      )
    : []
  return {
    model: engine.checkModel(typeof body.model === 'string' ? body.model : undefined),
    messages: toChatMessages(body),
    tools,
    maxTokens: body.max_tokens,
    stop: Array.isArray(body.stop_sequences) ? (body.stop_sequences as string[]) : [],
    ignoreEos: false,
    route: '/v1/messages',
    arrivedAt,
  }
}

export async function handleAnthropic(
  engine: ChatBackend,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  arrivedAt: number,
): Promise<boolean> {
  if (req.method !== 'POST' || !path.startsWith('/v1/messages')) return false
  if (path === '/v1/messages/count_tokens') {
    const body = await readJson(req)
    if (!Array.isArray(body.messages)) throw new SimHttpError(400, 'messages: field required (an array)')
    const counted = {...messagesRequest(engine, {...body, max_tokens: 1}, arrivedAt)}
    sendJson(res, 200, {input_tokens: countPromptTokens(counted.messages, counted.tools)})
    return true
  }
  if (path !== '/v1/messages') return false
  const body = await readJson(req)
  const simReq = messagesRequest(engine, body, arrivedAt)
  // Thinking blocks only when the request allows them, as Anthropic does (`thinking: {type: 'disabled'}`).
  const thinking = (body.thinking as {type?: string} | undefined)?.type !== 'disabled'
  const controller = new AbortController()
  res.on('close', () => controller.abort())
  const id = `msg_${Date.now().toString(36)}${(seq++).toString(36)}`
  const stream = body.stream === true
  const blocks: Block[] = []
  let inputTokens = 0
  const open = (kind: Block['type'], e?: Extract<TokenEvent, {kind: 'tool-start'}>): Block => {
    const current = blocks[blocks.length - 1]
    if (current && current.type === kind && !e) return current
    if (current) closeBlock(current)
    const block: Block =
      kind === 'text'
        ? {type: 'text', text: ''}
        : kind === 'thinking'
          ? {type: 'thinking', thinking: ''}
          : {type: 'tool_use', id: anthropicToolId(e?.id ?? ''), name: e?.name ?? '', input: ''}
    blocks.push(block)
    if (stream) {
      const start =
        block.type === 'tool_use'
          ? {type: 'tool_use', id: block.id, name: block.name, input: {}}
          : block.type === 'thinking'
            ? {type: 'thinking', thinking: '', signature: ''}
            : {type: 'text', text: ''}
      sseData(res, {type: 'content_block_start', index: blocks.length - 1, content_block: start}, 'content_block_start')
    }
    return block
  }
  const closeBlock = (block: Block) => {
    if (block.type === 'thinking') {
      block.signature = thinkingSignature()
      deltaEvent({type: 'signature_delta', signature: block.signature})
    }
    if (stream) sseData(res, {type: 'content_block_stop', index: blocks.length - 1}, 'content_block_stop')
  }
  const deltaEvent = (delta: Record<string, unknown>) =>
    stream && sseData(res, {type: 'content_block_delta', index: blocks.length - 1, delta}, 'content_block_delta')
  const sink: SimSink = {
    start(promptTokens) {
      inputTokens = promptTokens
      if (!stream) return
      startSse(res)
      const message = {
        id,
        type: 'message',
        role: 'assistant',
        model: simReq.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {input_tokens: promptTokens, output_tokens: 1},
      }
      sseData(res, {type: 'message_start', message}, 'message_start')
      sseData(res, {type: 'ping'}, 'ping')
    },
    events(batch) {
      for (const e of batch) {
        if (e.kind === 'content') {
          const b = open('text') as Extract<Block, {type: 'text'}>
          b.text += e.text
          deltaEvent({type: 'text_delta', text: e.text})
        } else if (e.kind === 'reasoning') {
          if (!thinking) continue
          const b = open('thinking') as Extract<Block, {type: 'thinking'}>
          b.thinking += e.text
          deltaEvent({type: 'thinking_delta', thinking: e.text})
        } else if (e.kind === 'tool-start') open('tool_use', e)
        else {
          const b = blocks[blocks.length - 1]
          if (b?.type === 'tool_use') b.input += e.text
          deltaEvent({type: 'input_json_delta', partial_json: e.text})
        }
      }
    },
    end(finish, usage) {
      const outputTokens = usage?.completionTokens ?? 0
      if (stream) {
        const last = blocks[blocks.length - 1]
        if (last) closeBlock(last)
        sseData(
          res,
          {
            type: 'message_delta',
            delta: {stop_reason: STOP_REASON[finish], stop_sequence: null},
            usage: {output_tokens: outputTokens},
          },
          'message_delta',
        )
        sseData(res, {type: 'message_stop'}, 'message_stop')
        res.end()
        return
      }
      const content = blocks.map((b) =>
        b.type === 'tool_use'
          ? {...b, input: parseInput(b.input)}
          : b.type === 'thinking'
            ? {...b, signature: b.signature || thinkingSignature()}
            : b,
      )
      sendJson(res, 200, {
        id,
        type: 'message',
        role: 'assistant',
        model: simReq.model,
        content,
        stop_reason: STOP_REASON[finish],
        stop_sequence: null,
        usage: {input_tokens: inputTokens, output_tokens: outputTokens},
      })
    },
    cut() {
      cutReply(res)
    },
  }
  await engine.run(simReq, sink, controller.signal)
  return true
}

function parseInput(text: string): unknown {
  try {
    return JSON.parse(text || '{}')
  } catch {
    return {}
  }
}

/** Anthropic-style tool ids (`toolu_01` + 22 characters), derived from the sim's call id so runs repeat. */
export function anthropicToolId(callId: string): string {
  const tail = Buffer.from(callId).toString('base64url').replace(/[-_]/g, 'x')
  return `toolu_01${tail.padStart(22, 'A').slice(-22)}`
}
