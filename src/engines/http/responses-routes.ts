import type {IncomingMessage, ServerResponse} from 'node:http'
import type {ChatMessage, ToolSpec} from '../../llm/types.js'
import type {ReplyEvent} from '../../routing/router/wire/reply-events.js'
import {ResponsesInputError, responsesToChat} from '../../routing/router/wire/responses-to-chat.js'
import {ResponsesWriter} from '../../routing/router/wire/responses-writer.js'
import type {ChatBackend} from './backend.js'
import type {SimRequest, SimSink, TokenEvent} from './chat-request.js'
import {cutReply, readJson, SimHttpError, sendJson, startSse} from './http-io.js'

// The OpenAI Responses API (/v1/responses) as vLLM serves it: input items (message, function_call,
// function_call_output) in, and the response.* event stream or one response object out. Codex speaks only this.

let seq = 0

const toReplyEvent = (e: TokenEvent): ReplyEvent =>
  e.kind === 'content'
    ? {type: 'text', text: e.text}
    : e.kind === 'reasoning'
      ? {type: 'reasoning', text: e.text}
      : e.kind === 'tool-start'
        ? {type: 'tool-start', index: e.index, id: e.id, name: e.name}
        : {type: 'tool-args', index: e.index, text: e.text}

function responsesRequest(engine: ChatBackend, body: Record<string, unknown>, arrivedAt: number): SimRequest {
  let chat: Record<string, unknown>
  try {
    chat = responsesToChat(body, typeof body.model === 'string' ? body.model : '')
  } catch (error) {
    if (error instanceof ResponsesInputError) throw new SimHttpError(400, error.message)
    throw error
  }
  const messages = chat.messages as ChatMessage[]
  if (!messages.length) throw new SimHttpError(400, '`input` must not be empty')
  const req: SimRequest = {
    model: engine.checkModel(typeof body.model === 'string' ? body.model : undefined),
    messages,
    tools: body.tool_choice === 'none' ? [] : ((chat.tools as ToolSpec[] | undefined) ?? []),
    stop: [],
    ignoreEos: false,
    route: '/v1/responses',
    arrivedAt,
  }
  if (typeof chat.max_tokens === 'number') req.maxTokens = chat.max_tokens
  return req
}

export async function handleResponses(
  engine: ChatBackend,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  arrivedAt: number,
): Promise<boolean> {
  if (req.method !== 'POST' || path !== '/v1/responses') return false
  const body = await readJson(req)
  const simReq = responsesRequest(engine, body, arrivedAt)
  const controller = new AbortController()
  res.on('close', () => controller.abort())
  const stream = body.stream === true
  const writer = new ResponsesWriter(`resp_sim${Date.now().toString(36)}${(seq++).toString(36)}`, simReq.model)
  const sink: SimSink = {
    start() {
      if (!stream) return
      startSse(res)
      res.write(writer.start())
    },
    events(batch) {
      const frames = batch.map((e) => writer.write(toReplyEvent(e))).join('')
      if (stream && frames) res.write(frames)
    },
    end(finish, usage) {
      writer.write({type: 'finish', reason: finish})
      if (usage) writer.write({type: 'usage', usage})
      if (stream) return void res.end(writer.end())
      writer.end()
      sendJson(res, 200, writer.result())
    },
    cut() {
      cutReply(res)
    },
  }
  await engine.run(simReq, sink, controller.signal)
  return true
}
