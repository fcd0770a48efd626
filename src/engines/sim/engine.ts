import {countPromptTokens, messageText} from '../../llm/prompt-tokens.js'
import {countTokens} from '../../llm/tokenizer.js'
import type {ChatMessage} from '../../llm/types.js'
import {seededRandom} from '../../util/seeded-random.js'
import {type ChatBackend, resolveServedModel} from '../http/backend.js'
import {type SimRequest, type SimSink, StreamCut} from '../http/chat-request.js'
import {SimHttpError} from '../http/http-io.js'
import {sleepUntil, startClock} from './clock.js'
import {simEmbedding} from './embeddings.js'
import {buildGeneration} from './generation.js'
import {SimMetrics} from './metrics.js'
import type {SimOptions} from './options.js'
import {Scheduler} from './scheduler.js'
import {type RequestFacts, type Script, ScriptPlayer} from './script.js'
import {firstTokenAt, nextGap} from './timeline.js'

/** The simulated engine behind every route: scripting, context limits, queueing, timing and metrics. */
export class SimEngine implements ChatBackend {
  readonly scheduler: Scheduler
  readonly metrics = new SimMetrics()
  private readonly player?: ScriptPlayer
  private readonly random: () => number
  private calls = 0
  /** `oac sim --log FILE`: called with each request as scripts see it. */
  requestLog?: (entry: Record<string, unknown>) => void

  constructor(
    readonly options: SimOptions,
    script?: Script,
  ) {
    this.scheduler = new Scheduler(options.maxSeqs)
    if (script) this.player = new ScriptPlayer(script)
    this.random = seededRandom(options.seed)
    startClock()
  }

  async embed(texts: string[]): Promise<number[][]> {
    return texts.map((t) => simEmbedding(t))
  }

  checkModel(model: string | undefined): string {
    return resolveServedModel(this.options.models, model)
  }

  contextError(prompt: number, completion: number): SimHttpError {
    // Current vLLM's two wordings (serving_engine.py _validate_input), which clients match on to tell a context
    // overflow from other 400s: the prompt alone is too long, or the prompt fits but max_tokens does not.
    const max = this.options.context
    if (prompt >= max)
      return new SimHttpError(
        400,
        `This model's maximum context length is ${max} tokens. However, your request has ${prompt} input tokens. Please reduce the length of the input messages.`,
      )
    return new SimHttpError(
      400,
      `'max_tokens' or 'max_completion_tokens' is too large: ${completion}. This model's maximum context length is ${max} tokens and your request has ${prompt} input tokens (${completion} > ${max} - ${prompt}).`,
    )
  }

  async run(req: SimRequest, sink: SimSink, signal: AbortSignal): Promise<void> {
    const model = this.checkModel(req.model)
    const requestFacts = facts(req, model)
    const reply = this.player?.next(requestFacts)
    this.requestLog?.({
      route: req.route,
      matched: reply !== undefined,
      ...requestFacts,
      tools: req.tools.map((t) => t.function.name),
      messages: req.messages,
    })
    if (this.player && !reply)
      throw new SimHttpError(
        400,
        `oac sim: no script rule matches this ${req.route} request (model ${model}, last message: ${JSON.stringify(lastText(req)).slice(0, 200)})`,
      )
    if (reply?.error) {
      const {status, message, retryAfter} = reply.error
      const headers: Record<string, string> = retryAfter !== undefined ? {'retry-after': String(retryAfter)} : {}
      throw new SimHttpError(status, message, undefined, headers)
    }
    let promptTokens =
      req.promptText !== undefined ? countTokens(req.promptText) : countPromptTokens(req.messages, req.tools)
    // Without max_tokens, vLLM lets a reply run to the end of the context; a scripted reply does the same, and
    // unscripted filler stops at --default-max-tokens.
    const wanted = req.maxTokens ?? (reply ? 1 : this.options.defaultMaxTokens)
    const limit = req.maxTokens ?? (reply ? Number.POSITIVE_INFINITY : this.options.defaultMaxTokens)
    if (reply?.contextLengthError) throw this.contextError(promptTokens, wanted)
    if (promptTokens + wanted > this.options.context) {
      if (!this.options.truncate) throw this.contextError(promptTokens, wanted)
      // Ollama keeps the end of an over-long prompt and reports what it kept.
      promptTokens = Math.min(
        promptTokens,
        Math.max(1, this.options.context - Math.min(wanted, this.options.context >> 1)),
      )
    }
    const maxTokens = Math.min(limit, this.options.context - promptTokens)
    if (reply?.hang) {
      await new Promise((_, reject) =>
        signal.addEventListener('abort', () => reject(new Error('aborted')), {once: true}),
      )
      return
    }
    const generation = buildGeneration(reply, {
      maxTokens,
      stop: req.stop,
      ignoreEos: req.ignoreEos,
      callId: () => `call_${(this.calls++).toString(36).padStart(6, '0')}`,
    })
    const arrived = req.arrivedAt
    const immediate = this.scheduler.running < this.options.maxSeqs && this.scheduler.waiting === 0
    await this.scheduler.acquire(signal)
    const admittedAt = immediate ? arrived : performance.now()
    try {
      await this.play(generation, promptTokens, arrived, admittedAt, sink, signal)
    } finally {
      this.scheduler.release()
    }
  }

  private async play(
    generation: ReturnType<typeof buildGeneration>,
    promptTokens: number,
    arrived: number,
    admittedAt: number,
    sink: SimSink,
    signal: AbortSignal,
  ): Promise<void> {
    const o = this.options
    const t = {admittedAt, promptTokens, running: () => this.scheduler.running, random: this.random}
    sink.start(promptTokens)
    this.metrics.promptTokens += promptTokens
    const {events, cutAfter} = generation
    let at = firstTokenAt(o, t)
    let last = 0
    // Token k is ready at first + sum of k gaps. The first token goes out alone (TTFT); after that a chunk leaves
    // when its last token is ready, so chunking changes ITL (chunk gaps) but not TTFT or TPOT, as in vLLM.
    for (let i = 0; i < events.length; ) {
      const size = i === 0 ? 1 : o.tokensPerChunk
      const batch = events.slice(i, i + size)
      if (i > 0) for (let k = 0; k < batch.length; k++) at += nextGap(o, 1, t)
      await sleepUntil(at, signal)
      const now = performance.now()
      if (i === 0) this.metrics.ttft.observe((now - arrived) / 1000)
      else this.metrics.itl.observe((now - last) / 1000)
      last = now
      if (cutAfter !== undefined && i + batch.length > cutAfter) {
        sink.events(batch.slice(0, Math.max(0, cutAfter - i)))
        sink.cut()
        throw new StreamCut('scripted stream cut')
      }
      this.metrics.generationTokens += batch.length
      sink.events(batch)
      i += batch.length
    }
    if (!events.length) await sleepUntil(at, signal)
    this.metrics.e2e.observe((performance.now() - arrived) / 1000)
    this.metrics.finish(generation.finishReason)
    sink.end(
      generation.finishReason,
      generation.sendUsage ? {promptTokens, completionTokens: events.length} : undefined,
    )
  }
}

/** The last message's text; a system message after the conversation (a client's environment block) is skipped. */
function lastText(req: SimRequest): string {
  const last = lastTurn(req)
  return last ? messageText(last) : ''
}

function lastTurn(req: SimRequest): ChatMessage | undefined {
  for (let i = req.messages.length - 1; i >= 0; i--) if (req.messages[i]?.role !== 'system') return req.messages[i]
  return undefined
}

function facts(req: SimRequest, model: string): RequestFacts {
  const f: RequestFacts = {model, hasTools: req.tools.length > 0, last: lastText(req)}
  const lastUser = [...req.messages].reverse().find((m) => m.role === 'user')
  if (lastUser) f.lastUser = messageText(lastUser)
  const last = lastTurn(req)
  if (last?.role === 'tool') f.toolResult = messageText(last)
  return f
}
