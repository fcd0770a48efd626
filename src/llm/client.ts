import OpenAI from 'openai'
import {defaultApiKey, openAiBaseUrl} from './endpoint.js'
import {LlmError, toLlmError} from './errors.js'
import {nodeFetch, type WireTiming} from './node-fetch.js'
import {countPromptTokens} from './prompt-tokens.js'
import {approxTokenizer, type ReplyTokenizer} from './reply-tokens.js'
import {ToolCallAssembler} from './tool-call-assembler.js'
import type {ChatRequest, ChatResult, ChunkTiming, ToolCall, Usage} from './types.js'

// The one OpenAI-compatible client every stage uses. Streaming requests are timed here, once:
// a performance.now() stamp and a token count per received chunk that carries tokens.

export interface ClientOptions {
  apiKey?: string
  /** Per-request timeout in ms (default 10 minutes: long prompts on slow boxes take a while). */
  timeoutMs?: number
  /** Counts a reply's tokens when the server sends no usage (default: a named approximation). */
  replyTokenizer?: ReplyTokenizer
}

/** Observes a streamed reply as it arrives (for live rendering). */
export type ChunkListener = (delta: {content?: string; reasoning?: string; toolCall?: boolean}) => void

/** The result with the upstream the router named, where it named one. */
const withUpstream = (result: ChatResult, upstream: string | undefined): ChatResult =>
  upstream ? {...result, upstream} : result

/** A chat request body as the SDK types it, plus vLLM's and llama.cpp's `ignore_eos` and engine-specific fields. */
type ChatBody = Omit<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, 'stream'> & {
  ignore_eos?: boolean
  [field: string]: unknown
}

export class LlmClient {
  readonly baseUrl: string
  /** Counts reply tokens when the server sends no usage; `connectModel` sets the engine's own where it has one. */
  replyTokenizer: ReplyTokenizer
  private readonly openai: OpenAI

  constructor(endpoint: string, options: ClientOptions = {}) {
    this.baseUrl = openAiBaseUrl(endpoint)
    this.replyTokenizer = options.replyTokenizer ?? approxTokenizer
    this.openai = new OpenAI({
      baseURL: this.baseUrl,
      apiKey: options.apiKey ?? defaultApiKey(),
      timeout: options.timeoutMs ?? 600_000,
      maxRetries: 0,
      fetch: nodeFetch,
    })
  }

  private body(req: ChatRequest): ChatBody {
    const body: ChatBody = {model: req.model, messages: req.messages, ...req.extraBody}
    if (req.tools?.length) body.tools = req.tools
    if (req.toolChoice) body.tool_choice = req.toolChoice
    if (req.maxTokens !== undefined) body.max_tokens = req.maxTokens
    if (req.temperature !== undefined) body.temperature = req.temperature
    if (req.stop?.length) body.stop = req.stop
    if (req.ignoreEos) body.ignore_eos = true
    if (req.responseFormat) body.response_format = req.responseFormat
    return body
  }

  /**
   * A streamed chat completion, timed per chunk; usage from the server, or estimated on the whole reply and flagged.
   * A server that answers with one JSON body instead of a stream gets a result with `timing.streamed` false.
   */
  async chat(req: ChatRequest, onChunk?: ChunkListener): Promise<ChatResult> {
    // Build the request after pending I/O is handled: under load, the SDK's request building would otherwise run
    // between other streams' chunks and delay their timestamps.
    await new Promise((resolve) => setImmediate(resolve))
    const called = performance.now()
    const wire: WireTiming = {}
    const chunks: ChunkTiming[] = []
    const calls = new ToolCallAssembler()
    let content = ''
    let reasoning = ''
    let finishReason: string | null = null
    let firstTokenAt: number | undefined
    let firstContentAt: number | undefined
    let lastChunkAt: number | undefined
    let serverUsage: OpenAI.CompletionUsage | undefined
    let upstream: string | undefined
    try {
      const body: OpenAI.Chat.ChatCompletionCreateParamsStreaming = {
        ...this.body(req),
        stream: true,
        stream_options: {include_usage: true},
      }
      const {data: stream, response} = await this.openai.chat.completions
        .create(body, {signal: req.signal, fetchOptions: {oacWire: wire} as OpenAI.RequestOptions['fetchOptions']})
        .withResponse()
      upstream = response.headers.get('x-oac-upstream') ?? undefined
      if (/application\/json/i.test(response.headers.get('content-type') ?? '')) {
        const reply = (await response.json()) as OpenAI.Chat.ChatCompletion
        return withUpstream(await this.unstreamed(req, reply, wire.sentAt ?? called, called), upstream)
      }
      for await (const chunk of stream) {
        const t = performance.now()
        lastChunkAt = t
        if (chunk.usage) serverUsage = chunk.usage
        const choice = chunk.choices[0]
        if (!choice) continue
        const delta = choice.delta as {
          content?: string | null
          reasoning_content?: string
          reasoning?: string
          tool_calls?: unknown[]
        }
        let kind: ChunkTiming['kind'] | undefined
        const r = delta.reasoning_content ?? delta.reasoning
        if (r) {
          reasoning += r
          kind = 'reasoning'
          onChunk?.({reasoning: r})
        }
        if (delta.content) {
          content += delta.content
          kind = 'content'
          onChunk?.({content: delta.content})
        }
        for (const tc of (delta.tool_calls ?? []) as Parameters<ToolCallAssembler['add']>[0][]) {
          calls.add(tc)
          kind = 'content'
          onChunk?.({toolCall: true})
        }
        if (kind) {
          chunks.push({t, kind})
          firstTokenAt ??= t
          if (kind === 'content') firstContentAt ??= t
        }
        if (choice.finish_reason) finishReason = choice.finish_reason
      }
    } catch (error) {
      throw toLlmError(error, this.baseUrl)
    }
    // The reply ends when its last chunk arrived, not when this loop got round to noticing the stream closed.
    const end = lastChunkAt ?? performance.now()
    const start = wire.sentAt ?? called
    if (finishReason === null)
      throw new LlmError(
        'truncated-stream',
        this.baseUrl,
        `The stream from ${this.baseUrl} ended without a finish reason after ${chunks.length} chunks (connection dropped or server crashed)`,
      )
    const toolCalls = calls.result()
    const usage = await this.usage(req, serverUsage, {content, reasoning, toolCalls})
    const timing = {
      start,
      clientQueueMs: start - called,
      end,
      chunks,
      streamed: true,
      ...(firstTokenAt === undefined ? {} : {firstTokenAt}),
      ...(firstContentAt === undefined ? {} : {firstContentAt}),
    }
    const result: ChatResult = {content, toolCalls, finishReason, usage, timing}
    if (reasoning) result.reasoning = reasoning
    return withUpstream(result, upstream)
  }

  /** A non-streamed chat completion (one timing point: the whole reply). */
  async chatOnce(req: ChatRequest): Promise<ChatResult> {
    const start = performance.now()
    let response: OpenAI.Chat.ChatCompletion
    try {
      response = await this.openai.chat.completions.create({...this.body(req), stream: false}, {signal: req.signal})
    } catch (error) {
      throw toLlmError(error, this.baseUrl)
    }
    return this.unstreamed(req, response, start, start)
  }

  /** A whole-reply JSON body as a result: every token arrived at once, at the end. */
  private async unstreamed(
    req: ChatRequest,
    response: OpenAI.Chat.ChatCompletion,
    start: number,
    called: number,
  ): Promise<ChatResult> {
    const end = performance.now()
    const choice = response.choices?.[0]
    const message = choice?.message as
      | (OpenAI.Chat.ChatCompletionMessage & {reasoning_content?: string; reasoning?: string})
      | undefined
    const toolCalls: ToolCall[] = (message?.tool_calls ?? []).flatMap((c, i) =>
      c.type === 'function' ? [{id: c.id || `call_${i}`, name: c.function.name, arguments: c.function.arguments}] : [],
    )
    const content = message?.content ?? ''
    const reasoning = message?.reasoning_content ?? message?.reasoning ?? ''
    const some = content || reasoning || toolCalls.length
    const result: ChatResult = {
      content,
      toolCalls,
      finishReason: choice?.finish_reason ?? null,
      usage: await this.usage(req, response.usage ?? undefined, {content, reasoning, toolCalls}),
      timing: {
        start,
        clientQueueMs: start - called,
        end,
        chunks: some ? [{t: end, kind: content || toolCalls.length ? 'content' : 'reasoning'}] : [],
        streamed: false,
        ...(some ? {firstTokenAt: end} : {}),
        ...(content || toolCalls.length ? {firstContentAt: end} : {}),
      },
    }
    if (reasoning) result.reasoning = reasoning
    return result
  }

  /**
   * The server's usage, or an estimate flagged as such: prompt tokens as oac's ChatML layout counts them, completion
   * tokens over the whole reply's text (content, reasoning, tool calls) with the reply tokenizer.
   */
  private async usage(
    req: ChatRequest,
    server: OpenAI.CompletionUsage | undefined,
    reply: {content: string; reasoning: string; toolCalls: ToolCall[]},
  ): Promise<Usage> {
    if (server)
      return {promptTokens: server.prompt_tokens, completionTokens: server.completion_tokens, estimated: false}
    const text = [reply.reasoning, reply.content, ...reply.toolCalls.map((c) => c.name + c.arguments)].join('')
    let tokenizer = this.replyTokenizer
    let completion: number
    try {
      completion = await tokenizer.count(text)
    } catch {
      tokenizer = approxTokenizer
      completion = await tokenizer.count(text)
    }
    return {
      promptTokens: countPromptTokens(req.messages, req.tools),
      completionTokens: completion,
      estimated: true,
      tokenizer: tokenizer.name,
    }
  }

  /** Legacy text completion (non-streamed), for engines' raw prompt paths. */
  async complete(
    model: string,
    prompt: string,
    maxTokens: number,
    signal?: AbortSignal,
  ): Promise<{text: string; usage?: OpenAI.CompletionUsage}> {
    try {
      const r = await this.openai.completions.create({model, prompt, max_tokens: maxTokens}, {signal})
      return {text: r.choices[0]?.text ?? '', ...(r.usage ? {usage: r.usage} : {})}
    } catch (error) {
      throw toLlmError(error, this.baseUrl)
    }
  }

  async embed(model: string, input: string[], signal?: AbortSignal): Promise<number[][]> {
    try {
      const r = await this.openai.embeddings.create({model, input, encoding_format: 'float'}, {signal})
      return r.data.sort((a, b) => a.index - b.index).map((d) => d.embedding)
    } catch (error) {
      throw toLlmError(error, this.baseUrl)
    }
  }

  /** Served models with whatever the engine adds (vLLM: max_model_len). */
  async models(signal?: AbortSignal): Promise<(OpenAI.Model & {max_model_len?: number})[]> {
    try {
      const page = await this.openai.models.list({signal})
      return page.data as (OpenAI.Model & {max_model_len?: number})[]
    } catch (error) {
      throw toLlmError(error, this.baseUrl)
    }
  }
}
