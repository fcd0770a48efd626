import {Worker} from 'node:worker_threads'

// The sim's one clock: when each sequence's next chunk leaves. Every sleeper goes into a min-heap of wake-up times
// (absolute performance.now() ms); whatever wakes the main thread wakes everything that is due, in time order.
//
// Node's timers fire on whole milliseconds and often late, which is too coarse for a simulator whose ITL is a few
// ms. The waker is a small worker thread that sleeps on Atomics.wait (a futex with a sub-millisecond timeout) until
// the earliest wake-up time and then posts one message: chunks leave a median 0.1 ms late (bench/sim-clock.ts), and
// the sim spends no CPU while it waits. Where a worker cannot start, it falls back to a timer for the
// coarse wait and a setImmediate poll for the last 1.5 ms, which is as precise but spins a core while it polls: at
// concurrency 64 that poll cost the sim ~2 ms of CPU per request, taken from whatever shares the box with it.

interface Sleeper {
  at: number
  wake: () => void
  done: boolean
}

const heap: Sleeper[] = []

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

/** Drops aborted sleepers from the top, so the waker is not armed for them. */
function dropAborted(): void {
  while (heap.length && (heap[0] as Sleeper).done) pop()
}

/** Wakes every sleeper that is due, then arms the wake-up for the next one. */
function tick(): void {
  const now = performance.now()
  while (heap.length && ((heap[0] as Sleeper).done || (heap[0] as Sleeper).at <= now)) {
    const s = pop() as Sleeper
    if (!s.done) s.wake()
  }
  arm()
}

/** Sleeps until a time, then calls tick(); arming again replaces the time. */
export interface Coarse {
  /** How long before a wake-up time it fires: the rest is polled. */
  readonly lead: number
  arm(at: number): void
  disarm(): void
}

let poll: NodeJS.Immediate | undefined
let coarse: Coarse | undefined

function arm(): void {
  if (poll) return
  const clock = startClock()
  const at = heap.length ? (heap[0] as Sleeper).at : Number.POSITIVE_INFINITY
  if (at - performance.now() > clock.lead) {
    if (Number.isFinite(at)) clock.arm(at - clock.lead)
    else clock.disarm()
    return
  }
  clock.disarm()
  poll = setImmediate(() => {
    poll = undefined
    tick()
  })
}

/** A timer: whole milliseconds and often late, so it fires 1.5 ms early. */
class TimerCoarse implements Coarse {
  readonly lead = 1.5
  private timer: NodeJS.Timeout | undefined
  private at = Number.POSITIVE_INFINITY

  arm(at: number): void {
    if (at === this.at) return
    this.disarm()
    this.at = at
    this.timer = setTimeout(
      () => {
        this.timer = undefined
        this.at = Number.POSITIVE_INFINITY
        tick()
      },
      Math.max(0, at - performance.now()),
    )
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.at = Number.POSITIVE_INFINITY
  }
}

// The worker's side. Shared memory: [0] Int32 generation (bumped by the main thread on every arm), [1] Float64 the
// wake-up time as an absolute epoch ms (performance.timeOrigin + now, since the two threads' now() differ).
const WORKER_SOURCE = `
const {parentPort, workerData} = require('node:worker_threads')
const gen = new Int32Array(workerData, 0, 1)
const at = new Float64Array(workerData, 8, 1)
parentPort.postMessage(1)
for (;;) {
  const g = Atomics.load(gen, 0)
  const due = at[0]
  if (due === Infinity) { Atomics.wait(gen, 0, g); continue }
  const left = due - (performance.timeOrigin + performance.now())
  if (left > 0 && Atomics.wait(gen, 0, g, left) !== 'timed-out') continue
  parentPort.postMessage(0)
  Atomics.wait(gen, 0, g)
}
`

/**
 * A worker thread sleeping on Atomics.wait (a futex, sub-millisecond) then posting one message. It fires on time,
 * not early: waking the main thread that way takes ~0.1 ms, and polling that last stretch would bring the spinning
 * back (with 64 sequences at random phases the polled stretches cover the whole time). Until the worker has started
 * (tens of ms), a timer stands in, so the first chunks are not late.
 */
class ThreadCoarse implements Coarse {
  private readonly gen: Int32Array
  private readonly due: Float64Array
  private readonly worker: Worker
  private standIn: TimerCoarse | undefined = new TimerCoarse()
  private at = Number.POSITIVE_INFINITY
  private fired = false

  get lead(): number {
    return this.standIn ? this.standIn.lead : 0
  }

  constructor() {
    const shared = new SharedArrayBuffer(16)
    this.gen = new Int32Array(shared, 0, 1)
    this.due = new Float64Array(shared, 8, 1)
    this.due[0] = Number.POSITIVE_INFINITY
    this.worker = new Worker(WORKER_SOURCE, {eval: true, workerData: shared})
    this.worker.on('message', (kind: number) => {
      if (kind === 1) {
        this.standIn?.disarm()
        this.standIn = undefined
      } else this.fired = true
      tick()
    })
    // Like a timer, a pending wake-up keeps the process alive, and an idle worker does not.
    this.worker.unref()
  }

  arm(at: number): void {
    if (this.standIn) this.standIn.arm(at)
    // After a message the worker waits for a new generation, so a fired worker is always re-armed.
    else if (at !== this.at || this.fired) this.set(at)
  }

  disarm(): void {
    this.standIn?.disarm()
    if (Number.isFinite(this.at) || this.fired) this.set(Number.POSITIVE_INFINITY)
  }

  private set(at: number): void {
    if (Number.isFinite(at) !== Number.isFinite(this.at)) {
      if (Number.isFinite(at)) this.worker.ref()
      else this.worker.unref()
    }
    this.at = at
    this.fired = false
    this.due[0] = Number.isFinite(at) ? performance.timeOrigin + at : Number.POSITIVE_INFINITY
    Atomics.add(this.gen, 0, 1)
    Atomics.notify(this.gen, 0)
  }
}

function startCoarse(): Coarse {
  if (process.env.OAC_SIM_CLOCK === 'timer') return new TimerCoarse()
  try {
    return new ThreadCoarse()
  } catch {
    return new TimerCoarse()
  }
}

/** Starts the clock's wake-up (a worker thread takes a few ms to create), so the first request does not wait on it. */
export function startClock(): Coarse {
  coarse ??= startCoarse()
  return coarse
}

/** Resolves at an absolute performance.now() time (or at once if it has passed); rejects on abort. */
export function sleepUntil(at: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new Error('aborted'))
  // A time already past goes at once, unless an earlier sleeper is still waiting: then both go, in time order.
  if (at <= performance.now() && !(heap.length && (heap[0] as Sleeper).at <= at)) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      if (s.done) return
      s.done = true
      dropAborted()
      arm()
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
    if (at <= performance.now()) tick()
    else if (heap[0] === s) arm()
  })
}
