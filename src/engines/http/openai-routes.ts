import type {IncomingMessage, ServerResponse} from 'node:http'
import {countTokens} from '../../llm/tokenizer.js'
import type {ChatMessage, ToolSpec} from '../../llm/types.js'
import type {ChatBackend} from './backend.js'
import type {FinishReason, SimRequest, SimSink, TokenEvent} from './chat-request.js'
import {cutReply, readJson, SimHttpError, sendJson, sseData, startSse} from './http-io.js'

// The OpenAI-compatible routes, shaped like vLLM's responses (reasoning in `reasoning_content`, usage in a
// final `choices: []` chunk when stream_options.include_usage is set, errors as {error: {message, type, code}}).

const now = () => Math.floor(Date.now() / 1000)
let seq = 0
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}${(seq++).toString(36)}`

export function openAiError(res: ServerResponse, error: SimHttpError): void {
  const body = {error: {message: error.message, type: error.type, param: null, code: error.status}}
  sendJson(res, error.status, body, error.headers)
}

function asStop(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : []
}

function asMaxTokens(body: Record<string, unknown>): number | undefined {
  const v = body.max_completion_tokens ?? body.max_tokens
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new SimHttpError(400, `max_tokens must be a positive integer, got ${JSON.stringify(v)}`)
  return v
}

function asDimensions(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new SimHttpError(400, `dimensions must be a positive integer, got ${JSON.stringify(value)}`)
  return value
}

/** `dimensions` the way OpenAI's text-embedding-3 models honour it: the first N values, normalized again. */
function shorten(vectors: number[][], dims: number | undefined): number[][] {
  if (dims === undefined) return vectors
  return vectors.map((v) => {
    if (dims > v.length) throw new SimHttpError(400, `dimensions ${dims} is more than the model's ${v.length}`)
    const head = v.slice(0, dims)
    const norm = Math.hypot(...head) || 1
    return head.map((x) => x / norm)
  })
}

/** Merges a chunk's token events into one OpenAI delta. */
function delta(batch: TokenEvent[]): Record<string, unknown> {
  const d: Record<string, unknown> = {}
  const calls = new Map<
    number,
    {index: number; id?: string; type?: string; function: {name?: string; arguments: string}}
  >()
  for (const e of batch) {
    if (e.kind === 'content') d.content = `${(d.content as string | undefined) ?? ''}${e.text}`
    else if (e.kind === 'reasoning')
      d.reasoning_content = `${(d.reasoning_content as string | undefined) ?? ''}${e.text}`
    else {
      const call = calls.get(e.index) ?? {index: e.index, function: {arguments: ''}}
      if (e.kind === 'tool-start')
        Object.assign(call, {id: e.id, type: 'function', function: {name: e.name, arguments: call.function.arguments}})
      else call.function.arguments += e.text
      calls.set(e.index, call)
    }
  }
  if (calls.size) d.tool_calls = [...calls.values()]
  return d
}

interface Collected {
  content: string
  reasoning: string
  calls: {id: string; type: 'function'; function: {name: string; arguments: string}}[]
}

function collect(into: Collected, batch: TokenEvent[]): void {
  for (const e of batch) {
    if (e.kind === 'content') into.content += e.text
    else if (e.kind === 'reasoning') into.reasoning += e.text
    else if (e.kind === 'tool-start')
      into.calls[e.index] = {id: e.id, type: 'function', function: {name: e.name, arguments: ''}}
    else {
      const call = into.calls[e.index]
      if (call) call.function.arguments += e.text
    }
  }
}

const usageOf = (u: {promptTokens: number; completionTokens: number}) => ({
  prompt_tokens: u.promptTokens,
  completion_tokens: u.completionTokens,
  total_tokens: u.promptTokens + u.completionTokens,
})

function chatRequest(engine: ChatBackend, body: Record<string, unknown>, arrivedAt: number): SimRequest {
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    throw new SimHttpError(400, '`messages` must be a non-empty array of chat messages')
  const tools = Array.isArray(body.tools) ? (body.tools as ToolSpec[]) : []
  const req: SimRequest = {
    model: engine.checkModel(typeof body.model === 'string' ? body.model : undefined),
    messages: body.messages as ChatMessage[],
    tools: body.tool_choice === 'none' ? [] : tools,
    stop: asStop(body.stop),
    ignoreEos: body.ignore_eos === true,
    route: '/v1/chat/completions',
    arrivedAt,
  }
  const max = asMaxTokens(body)
  if (max !== undefined) req.maxTokens = max
  const format = body.response_format as {type?: string; json_schema?: {schema?: unknown}} | undefined
  if (format?.type === 'json_schema' && format.json_schema?.schema) req.jsonSchema = format.json_schema.schema
  else if (format?.type === 'json_object') req.jsonSchema = {type: 'object'}
  return req
}

/** Streams or returns one completion; `text` selects the /v1/completions shape. */
async function complete(
  engine: ChatBackend,
  req: SimRequest,
  body: Record<string, unknown>,
  res: ServerResponse,
  text: boolean,
): Promise<void> {
  const controller = new AbortController()
  res.on('close', () => controller.abort())
  const id = newId(text ? 'cmpl' : 'chatcmpl')
  const created = now()
  const object = text ? 'text_completion' : 'chat.completion'
  const stream = body.stream === true
  const includeUsage = (body.stream_options as {include_usage?: boolean} | undefined)?.include_usage === true
  const got: Collected = {content: '', reasoning: '', calls: []}
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    sseData(res, {id, object: `${object}${text ? '' : '.chunk'}`, created, model: req.model, choices, ...extra})
  const sink: SimSink = {
    start() {
      if (!stream) return
      startSse(res)
      if (!text) chunk([{index: 0, delta: {role: 'assistant', content: ''}, logprobs: null, finish_reason: null}])
    },
    events(batch) {
      if (!stream) return collect(got, batch)
      if (text)
        chunk([
          {index: 0, text: batch.map((e) => ('text' in e ? e.text : '')).join(''), logprobs: null, finish_reason: null},
        ])
      else chunk([{index: 0, delta: delta(batch), logprobs: null, finish_reason: null}])
    },
    end(finish: FinishReason, usage) {
      if (stream) {
        if (text) chunk([{index: 0, text: '', logprobs: null, finish_reason: finish}])
        else chunk([{index: 0, delta: {}, logprobs: null, finish_reason: finish}])
        if (includeUsage && usage) chunk([], {usage: usageOf(usage)})
        sseData(res, '[DONE]')
        res.end()
        return
      }
      const message: Record<string, unknown> = {
        role: 'assistant',
        content: got.content || (got.calls.length ? null : ''),
      }
      if (got.reasoning) message.reasoning_content = got.reasoning
      if (got.calls.length) message.tool_calls = got.calls
      const choice = text
        ? {index: 0, text: got.content, logprobs: null, finish_reason: finish}
        : {index: 0, message, logprobs: null, finish_reason: finish}
      sendJson(res, 200, {
        id,
        object,
        created,
        model: req.model,
        choices: [choice],
        ...(usage ? {usage: usageOf(usage)} : {}),
      })
    },
    cut() {
      cutReply(res)
    },
  }
  await engine.run(req, sink, controller.signal)
}

/** Handles the OpenAI routes; returns false when the path is not one of them. */
export async function handleOpenAi(
  engine: ChatBackend,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  arrivedAt: number,
): Promise<boolean> {
  if (req.method === 'GET' && path === '/v1/models') {
    // Only vLLM reports the context in the model list; llama.cpp and Ollama say it on their own routes.
    const vllm = engine.options.flavor === 'vllm'
    const data = engine.options.models.map((id) => ({
      id,
      object: 'model',
      created: now(),
      owned_by: vllm ? 'vllm' : engine.options.flavor === 'ollama' ? 'library' : 'llamacpp',
      ...(vllm ? {root: id, max_model_len: engine.options.context} : {}),
    }))
    sendJson(res, 200, {object: 'list', data})
    return true
  }
  if (req.method !== 'POST') return false
  if (path === '/v1/chat/completions') {
    const body = await readJson(req)
    await complete(engine, chatRequest(engine, body, arrivedAt), body, res, false)
    return true
  }
  if (path === '/v1/completions') {
    const body = await readJson(req)
    if (typeof body.prompt !== 'string') throw new SimHttpError(400, '`prompt` must be a string')
    const simReq: SimRequest = {
      model: engine.checkModel(typeof body.model === 'string' ? body.model : undefined),
      messages: [{role: 'user', content: body.prompt}],
      tools: [],
      stop: asStop(body.stop),
      ignoreEos: body.ignore_eos === true,
      promptText: body.prompt,
      route: '/v1/completions',
      arrivedAt,
    }
    const max = asMaxTokens(body)
    if (max !== undefined) simReq.maxTokens = max
    await complete(engine, simReq, body, res, true)
    return true
  }
  if (path === '/v1/embeddings') {
    const body = await readJson(req)
    const model = engine.checkModel(typeof body.model === 'string' ? body.model : undefined)
    const inputs = typeof body.input === 'string' ? [body.input] : Array.isArray(body.input) ? body.input : undefined
    if (!inputs?.every((x) => typeof x === 'string'))
      throw new SimHttpError(400, '`input` must be a string or an array of strings')
    // The openai SDK asks for base64 (little-endian float32) unless told otherwise, as vLLM supports.
    const base64 = body.encoding_format === 'base64'
    const encode = (v: number[]) => (base64 ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v)
    const vectors = shorten(await engine.embed(inputs as string[]), asDimensions(body.dimensions))
    const data = vectors.map((v, index) => ({object: 'embedding', index, embedding: encode(v)}))
    const tokens = (inputs as string[]).reduce((n, t) => n + countTokens(t), 0)
    sendJson(res, 200, {object: 'list', data, model, usage: {prompt_tokens: tokens, total_tokens: tokens}})
    return true
  }
  return false
}
