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
// I/O between polls), so each chunk leaves within a few tenths of a millisecond of its scheduled time. One clock
// serves every sequence: a min-heap of wake-up times, one timer for the earliest, and one poll per loop turn that
// wakes everything due. With a poll per sequence, 64 sequences each polled in their last stretch, and the sim's CPU
// per request rose with how spread out requests arrived (taking cores from whatever shares the box with it).
const POLL_WINDOW_MS = 1.5

interface Sleeper {
  at: number
  wake: () => void
  done: boolean
}

const heap: Sleeper[] = []
let timer: NodeJS.Timeout | undefined
let timerAt = Number.POSITIVE_INFINITY
let poll: NodeJS.Immediate | undefined

function push(s: Sleeper): void {
  heap.push(s)
  for (let i = heap.length - 1; i > 0; ) {
    const parent = (i - 1) >> 1
    if ((heap[parent] as Sleeper).at <= s.at) break
    heap[i] = heap[parent] as Sleeper
    heap[parent] = s
    i = parent
  }
}

function pop(): Sleeper | undefined {
  const top = heap[0]
  const last = heap.pop()
  if (!heap.length || !last || top === last) return top
  heap[0] = last
  for (let i = 0; ; ) {
    const l = 2 * i + 1
    const r = l + 1
    let m = i
    if (l < heap.length && (heap[l] as Sleeper).at < (heap[m] as Sleeper).at) m = l
    if (r < heap.length && (heap[r] as Sleeper).at < (heap[m] as Sleeper).at) m = r
    if (m === i) break
    heap[i] = heap[m] as Sleeper
    heap[m] = last
    i = m
  }
  return top
}

/** Wakes every sleeper that is due, then arms the timer or the poll for the next one. */
function tick(): void {
  const now = performance.now()
  while (heap.length && ((heap[0] as Sleeper).done || (heap[0] as Sleeper).at <= now)) {
    const s = pop() as Sleeper
    if (!s.done) s.wake()
  }
  arm()
}

function arm(): void {
  if (poll || !heap.length) return
  const next = (heap[0] as Sleeper).at
  const coarse = next - performance.now() - POLL_WINDOW_MS
  if (coarse <= 0) {
    if (timer) clearTimeout(timer)
    timer = undefined
    timerAt = Number.POSITIVE_INFINITY
    poll = setImmediate(() => {
      poll = undefined
      tick()
    })
  } else if (next < timerAt) {
    if (timer) clearTimeout(timer)
    timerAt = next
    timer = setTimeout(() => {
      timer = undefined
      timerAt = Number.POSITIVE_INFINITY
      tick()
    }, coarse)
  }
}

/** Drops aborted sleepers from the top, and the timer when none is left, so it does not hold the process open. */
function drop(): void {
  while (heap.length && (heap[0] as Sleeper).done) pop()
  if (heap.length || !timer) return
  clearTimeout(timer)
  timer = undefined
  timerAt = Number.POSITIVE_INFINITY
}

/** Resolves at an absolute performance.now() time (or at once if it has passed); rejects on abort. */
export function sleepUntil(at: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new Error('aborted'))
  if (at - performance.now() <= 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      if (s.done) return
      s.done = true
      drop()
      reject(new Error('aborted'))
    }
    const s: Sleeper = {
      at,
      done: false,
      wake: () => {
        s.done = true
        signal?.removeEventListener('abort', onAbort)
        resolve()
      },
    }
    signal?.addEventListener('abort', onAbort, {once: true})
    push(s)
    arm()
  })
}
