import type {SimOptions} from './options.js'

// When each chunk of a reply is sent. Times are absolute (performance.now() ms) and computed from the
// request's admission, never by accumulating sleeps, so timer lateness does not add up over a long reply.

export interface TimelineInput {
  admittedAt: number
  promptTokens: number
  /** How many sequences are decoding now (this one included), for the batch slowdown. */
  running: () => number
  random: () => number
}

/** Time the first token is ready: fixed TTFT plus prefill of the prompt. */
export function firstTokenAt(
  o: Pick<SimOptions, 'ttftMs' | 'prefillTokS'>,
  t: Pick<TimelineInput, 'admittedAt' | 'promptTokens'>,
): number {
  const prefill = o.prefillTokS > 0 ? (t.promptTokens / o.prefillTokS) * 1000 : 0
  return t.admittedAt + o.ttftMs + prefill
}

/** The gap before the next chunk of `tokens` tokens at the current batch size. */
export function nextGap(
  o: Pick<SimOptions, 'itlMs' | 'jitterMs' | 'batchSlowdown'>,
  tokens: number,
  t: Pick<TimelineInput, 'running' | 'random'>,
): number {
  const itl = o.itlMs * (1 + o.batchSlowdown * Math.max(0, t.running() - 1))
  const jitter = o.jitterMs ? (t.random() * 2 - 1) * o.jitterMs : 0
  return Math.max(0, itl * tokens + jitter)
}

// Timers fire on whole milliseconds and often late; the last stretch is polled with setImmediate (which yields to
// I/O between polls), so each chunk leaves within a few tenths of a millisecond of its scheduled time.
const POLL_WINDOW_MS = 1.5

/** Resolves at an absolute performance.now() time (or at once if it has passed); rejects on abort. */
export function sleepUntil(at: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new Error('aborted'))
  if (at - performance.now() <= 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined
    let immediate: NodeJS.Immediate | undefined
    const done = (error?: Error) => {
      signal?.removeEventListener('abort', onAbort)
      if (error) reject(error)
      else resolve()
    }
    const onAbort = () => {
      clearTimeout(timer)
      if (immediate) clearImmediate(immediate)
      done(new Error('aborted'))
    }
    const poll = () => {
      if (performance.now() >= at) done()
      else immediate = setImmediate(poll)
    }
    signal?.addEventListener('abort', onAbort, {once: true})
    const coarse = at - performance.now() - POLL_WINDOW_MS
    if (coarse > 0) timer = setTimeout(poll, coarse)
    else poll()
  })
}
