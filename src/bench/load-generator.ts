import type {LlmClient} from '../llm/client.js'
import {LlmError} from '../llm/errors.js'
import type {ChatResult} from '../llm/types.js'
import {seededRandom} from '../util/seeded-random.js'
import type {BenchPrompt, LoadShape, RequestSample} from './types.js'

// Drives one point of a benchmark: closed loop (at most N in flight) or open loop (Poisson arrivals),
// stopping after a number of prompts or a duration. Warm-up requests run first and are not recorded.

export interface PointOptions {
  model: string
  shape: LoadShape
  prompts: BenchPrompt[]
  /** Sent first, not recorded: opens connections, warms caches. */
  warmupPrompts: BenchPrompt[]
  /** Stop issuing after this many seconds (in-flight requests still finish). */
  durationS?: number
  ignoreEos: boolean
  seed: number
  signal: AbortSignal
  onSample?: (sample: RequestSample) => void
}

export interface PointResult {
  samples: RequestSample[]
  /** Wall time from the first request to the last completion (s). */
  duration: number
  /** Stopped by the signal: the samples are what completed before. */
  interrupted: boolean
}

function sampleOf(idx: number, prompt: BenchPrompt, pointStart: number, r: ChatResult): RequestSample {
  const {timing} = r
  const itl: number[] = []
  for (let i = 1; i < timing.chunks.length; i++) itl.push((timing.chunks[i]?.t ?? 0) - (timing.chunks[i - 1]?.t ?? 0))
  return {
    idx,
    ok: true,
    sentAt: (timing.start - pointStart) / 1000,
    promptTokens: r.usage.promptTokens,
    expectedPromptTokens: prompt.promptTokens,
    outputTokens: r.usage.completionTokens,
    usageEstimated: r.usage.estimated,
    ...(r.usage.tokenizer ? {tokenizer: r.usage.tokenizer} : {}),
    ttftMs: (timing.firstTokenAt ?? timing.end) - timing.start,
    ...(timing.firstContentAt === undefined ? {} : {contentTtftMs: timing.firstContentAt - timing.start}),
    e2eMs: timing.end - timing.start,
    itlMs: itl,
    streamed: timing.streamed,
    clientQueueMs: timing.clientQueueMs ?? 0,
    ...(r.upstream ? {upstream: r.upstream} : {}),
  }
}

function failedSample(idx: number, prompt: BenchPrompt, sentAt: number, error: unknown): RequestSample {
  const message = error instanceof Error ? error.message : String(error)
  return {
    idx,
    ok: false,
    error: message,
    sentAt,
    promptTokens: 0,
    expectedPromptTokens: prompt.promptTokens,
    outputTokens: 0,
    usageEstimated: false,
    ttftMs: 0,
    e2eMs: 0,
    itlMs: [],
    clientQueueMs: 0,
  }
}

const isAbort = (e: unknown, signal: AbortSignal) =>
  signal.aborted && (!(e instanceof LlmError) || e.kind === 'aborted' || e.kind === 'truncated-stream')

async function send(client: LlmClient, o: PointOptions, prompt: BenchPrompt): Promise<ChatResult> {
  return client.chat({
    model: o.model,
    messages: prompt.messages,
    maxTokens: prompt.maxTokens,
    ignoreEos: o.ignoreEos,
    temperature: 0,
    signal: o.signal,
  })
}

/** A counting semaphore for the concurrency cap. */
function limiter(max: number) {
  let active = 0
  const waiting: (() => void)[] = []
  return {
    acquire(): Promise<void> {
      if (active < max) {
        active++
        return Promise.resolve()
      }
      return new Promise((resolve) => {
        waiting.push(() => {
          active++
          resolve()
        })
      })
    },
    release(): void {
      active--
      waiting.shift()?.()
    },
  }
}

export async function runPoint(client: LlmClient, o: PointOptions): Promise<PointResult> {
  const cap = o.shape.maxConcurrency ?? Number.POSITIVE_INFINITY
  // Warm-up at the point's concurrency: connections open, caches and JIT warm; nothing recorded.
  const warm = o.warmupPrompts
  const warmGate = limiter(Number.isFinite(cap) ? cap : warm.length || 1)
  await Promise.all(
    warm.map(async (p) => {
      await warmGate.acquire()
      try {
        await send(client, o, p).catch(() => undefined)
      } finally {
        warmGate.release()
      }
    }),
  )
  const samples: RequestSample[] = []
  const gate = limiter(cap)
  const random = seededRandom(o.seed)
  const start = performance.now()
  const deadline = o.durationS === undefined ? Number.POSITIVE_INFINITY : start + o.durationS * 1000
  const inFlight = new Set<Promise<void>>()
  let lastDone = start
  let nextArrival = start
  for (let idx = 0; ; idx++) {
    if (o.signal.aborted || performance.now() >= deadline) break
    if (o.durationS === undefined && idx >= o.prompts.length) break
    const prompt = o.prompts[idx % o.prompts.length] as BenchPrompt
    if (Number.isFinite(o.shape.requestRate)) {
      // Poisson process: exponential gaps with mean 1/rate, from a seeded generator so runs repeat.
      nextArrival += (-Math.log(1 - random()) / o.shape.requestRate) * 1000
      const wait = nextArrival - performance.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      if (o.signal.aborted || performance.now() >= deadline) break
    }
    await gate.acquire()
    if (o.signal.aborted) {
      gate.release()
      break
    }
    const sentAt = (performance.now() - start) / 1000
    const job = send(client, o, prompt)
      .then((r) => sampleOf(idx, prompt, start, r))
      .catch((error: unknown) => (isAbort(error, o.signal) ? undefined : failedSample(idx, prompt, sentAt, error)))
      .then((sample) => {
        lastDone = performance.now()
        if (sample) {
          samples.push(sample)
          o.onSample?.(sample)
        }
      })
      .finally(() => {
        gate.release()
        inFlight.delete(job)
      })
    inFlight.add(job)
  }
  await Promise.all(inFlight)
  samples.sort((a, b) => a.idx - b.idx)
  return {samples, duration: Math.max(0, lastDone - start) / 1000, interrupted: o.signal.aborted}
}
