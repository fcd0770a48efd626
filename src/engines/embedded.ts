import {basename} from 'node:path'
import type {
  ChatWrapper,
  Llama,
  LlamaContext,
  LlamaContextSequence,
  LlamaEmbeddingContext,
  LlamaGrammar,
  LlamaModel,
  Token,
} from 'node-llama-cpp'
import {parseTextToolCalls} from '../llm/text-tool-calls/index.js'
import {chatPromptTokens} from './embedded/chat-prompt.js'
import {type ChatBackend, resolveServedModel} from './http/backend.js'
import type {SimRequest, SimSink, TokenEvent} from './http/chat-request.js'
import {SimHttpError, sendJson} from './http/http-io.js'
import {type RunningServer, serveBackend} from './http/serve-backend.js'

// The embedded engine: node-llama-cpp running a local GGUF in this process, behind the same OpenAI/Anthropic HTTP
// routes as `oac sim`. The default on machines without a GPU, and what tests run a real llama.cpp model with.

export interface EmbeddedOptions {
  modelPath: string
  host: string
  port: number
  /** Required from clients on every route but /health (Authorization: Bearer or x-api-key). */
  apiKey?: string
  /** Context per sequence, in tokens. */
  context: number
  /** Sequences decoding at once (llama-server's -np). */
  parallel: number
  /** CPU threads; 1–2 is fastest on small VMs (see STACK.md). */
  threads: number
  /** Completion length when a request sets no max_tokens. */
  defaultMaxTokens: number
  /** Served model id (default: the file name without .gguf). */
  name?: string
}

export const EMBEDDED_DEFAULTS = {
  host: '127.0.0.1',
  port: 8090,
  context: 4096,
  parallel: 2,
  threads: 1,
  defaultMaxTokens: 256,
}

class EmbeddedBackend implements ChatBackend {
  readonly options: ChatBackend['options']
  private readonly free: LlamaContextSequence[] = []
  private readonly waiting: ((s: LlamaContextSequence) => void)[] = []
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>()
  private embedding?: Promise<LlamaEmbeddingContext>

  constructor(
    private readonly llama: Llama,
    private readonly model: LlamaModel,
    context: LlamaContext,
    private readonly o: EmbeddedOptions,
    /** Lays out chat prompts with the GGUF's own template (tokenizer.chat_template). */
    readonly chatWrapper: ChatWrapper,
  ) {
    this.options = {
      models: [o.name ?? basename(o.modelPath).replace(/\.gguf$/i, '')],
      context: o.context,
      flavor: 'llamacpp',
    }
    for (let i = 0; i < o.parallel; i++) this.free.push(context.getSequence())
  }

  checkModel(model: string | undefined): string {
    return resolveServedModel(this.options.models, model)
  }

  private acquire(): Promise<LlamaContextSequence> {
    const s = this.free.pop()
    return s ? Promise.resolve(s) : new Promise((resolve) => this.waiting.push(resolve))
  }

  private release(s: LlamaContextSequence): void {
    const next = this.waiting.shift()
    if (next) next(s)
    else this.free.push(s)
  }

  private grammar(schema: unknown): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema)
    let g = this.grammars.get(key)
    if (!g) {
      g = this.llama.createGrammarForJsonSchema(schema as never).catch((error: Error) => {
        this.grammars.delete(key)
        throw new SimHttpError(400, `response_format schema not supported by the grammar compiler: ${error.message}`)
      })
      this.grammars.set(key, g)
    }
    return g
  }

  async embed(texts: string[]): Promise<number[][]> {
    this.embedding ??= this.model.createEmbeddingContext()
    const ctx = await this.embedding
    const out: number[][] = []
    for (const t of texts) out.push([...(await ctx.getEmbeddingFor(t)).vector])
    return out
  }

  async run(req: SimRequest, sink: SimSink, signal: AbortSignal): Promise<void> {
    const tokens =
      req.promptText !== undefined
        ? this.model.tokenize(req.promptText, true)
        : chatPromptTokens(this.model, this.chatWrapper, req.messages, req.tools)
    const maxTokens = Math.min(req.maxTokens ?? this.o.defaultMaxTokens, this.o.context - tokens.length)
    if (maxTokens <= 0)
      throw new SimHttpError(
        400,
        `the request exceeds the available context size (${tokens.length} prompt tokens, context ${this.o.context})`,
      )
    const schema = req.jsonSchema
    const grammar = schema ? await this.grammar(schema) : undefined
    const {LlamaGrammarEvaluationState} = await import('node-llama-cpp')
    const seq = await this.acquire()
    try {
      await seq.clearHistory()
      sink.start(tokens.length)
      const generated: Token[] = []
      let sent = ''
      let finish: 'stop' | 'length' = 'length'
      const buffered = req.tools.length > 0
      const emit = (text: string) => {
        if (!text) return
        if (!buffered) sink.events([{kind: 'content', text}])
      }
      const state = grammar ? new LlamaGrammarEvaluationState({model: this.model, grammar}) : undefined
      for await (const token of seq.evaluate(tokens, {
        temperature: 0.7,
        seed: 1,
        yieldEogToken: req.ignoreEos,
        ...(state ? {grammarEvaluationState: state} : {}),
      })) {
        if (signal.aborted) break
        if (!req.ignoreEos && this.model.isEogToken(token)) {
          finish = 'stop'
          break
        }
        generated.push(token)
        // Decode the whole reply and send what is new: single byte tokens are not valid UTF-8 on their own.
        const text = this.model.detokenize(generated)
        if (!text.endsWith('\uFFFD')) {
          const stopAt = req.stop.map((s) => text.indexOf(s, Math.max(0, sent.length - s.length))).filter((i) => i >= 0)
          if (stopAt.length) {
            emit(text.slice(sent.length, Math.min(...stopAt)))
            sent = text.slice(0, Math.min(...stopAt))
            finish = 'stop'
            break
          }
          emit(text.slice(sent.length))
          sent = text
        }
        if (generated.length >= maxTokens) break
      }
      let finishReason: 'stop' | 'length' | 'tool_calls' = finish
      if (buffered) {
        // With tools, the reply is read whole for <tool_call> blocks, as llama-server --jinja does.
        const parsed = parseTextToolCalls(sent, 'auto', req.tools)
        const events: TokenEvent[] = parsed.content ? [{kind: 'content', text: parsed.content}] : []
        parsed.toolCalls.forEach((c, index) => {
          events.push(
            {kind: 'tool-start', index, id: `call_${index}`, name: c.name},
            {kind: 'tool-args', index, text: c.arguments},
          )
        })
        if (events.length) sink.events(events)
        if (parsed.toolCalls.length) finishReason = 'tool_calls'
      }
      sink.end(finishReason, {promptTokens: tokens.length, completionTokens: generated.length})
    } finally {
      this.release(seq)
    }
  }
}

export interface RunningEmbedded extends RunningServer {
  model: string
}

/** Loads the GGUF and serves it; load it in its own process when the file is untrusted (a bad file aborts). */
export async function startEmbedded(options: Partial<EmbeddedOptions> & {modelPath: string}): Promise<RunningEmbedded> {
  const o: EmbeddedOptions = {...EMBEDDED_DEFAULTS, ...options}
  const {getLlama} = await import('node-llama-cpp')
  const llama = await getLlama({gpu: false, build: 'never', maxThreads: o.threads, logLevel: 'error' as never})
  const model = await llama.loadModel({modelPath: o.modelPath})
  const context = await model.createContext({
    contextSize: o.context * o.parallel,
    sequences: o.parallel,
    threads: o.threads,
  })
  const {resolveChatWrapper} = await import('node-llama-cpp')
  const backend = new EmbeddedBackend(llama, model, context, o, resolveChatWrapper(model))
  const template = model.fileInfo.metadata.tokenizer?.chat_template
  const server = await serveBackend(backend, {
    host: o.host,
    port: o.port,
    apiKey: o.apiKey,
    name: 'oac embedded engine',
    engine: 'embedded',
    extra: (_req, res, path) => {
      // llama.cpp server's /props, so probing reads the context the same way.
      if (path !== '/props') return false
      sendJson(res, 200, {
        default_generation_settings: {n_ctx: o.context, model: o.modelPath},
        total_slots: o.parallel,
        model_path: o.modelPath,
        // llama-server's field: the template its prompts follow; and which node-llama-cpp wrapper applies it.
        chat_template: template ?? '',
        chat_wrapper: backend.chatWrapper.wrapperName,
      })
      return true
    },
  })
  const close = server.close
  return {
    ...server,
    model: backend.options.models[0] as string,
    close: async () => {
      await close()
      await context.dispose()
      await model.dispose()
      await llama.dispose()
    },
  }
}
