import type {RouterSettings, Target, UpstreamConfig} from '../config.js'

// The upstreams' live state, one `Upstream` per configured engine: whether it may be sent requests (a small circuit
// breaker), requests in flight and the queue past `maxConcurrent`, whether it said it is busy, and the context each
// of its models serves. A reload keeps the state of upstreams whose name and URL did not change.
//
//   up ──(failuresToDown consecutive failed requests, or a failed health probe)──► down
//   down ──(halfOpenAfterMs passed: the next request is let through alone)──► half-open
//   half-open ──(that request succeeds)──► up;   ──(it fails)──► down again
//
// An upstream a failed probe took down also comes back on a passing probe; one that failed requests does not, since
// its health route answering says nothing about the requests that failed: only a request can bring it back.
//
// "Busy" (a 503 with Retry-After, or a model still loading) is not a failure: the engine is there and said when to
// come back, so the router waits it out or tells the client when to retry (proxy.ts), and the upstream stays up.

export type UpstreamState = 'up' | 'down' | 'half-open'

export class Upstream {
  inflight = 0
  state: UpstreamState = 'up'
  /** Failed requests in a row since the last success. */
  failures = 0
  lastError: string | undefined
  /** When a down upstream may take its half-open trial request (performance.now() ms). */
  retryAt = 0
  /** Until when it said it is busy (performance.now() ms); 0 when it did not. */
  busyUntil = 0
  /** Context per model learned from the engine (its model list or its own errors); the config's value wins. */
  readonly learnedContext = new Map<string, number>()
  /** Whether the engine's model list was read since it (re)appeared. */
  contextsRead = false
  /** What took it down: a failed health probe, or failed requests. */
  private downBy: 'probe' | 'requests' = 'probe'
  private readonly queue: {resolve: () => void; reject: (e: Error) => void; since: number}[] = []

  constructor(public config: UpstreamConfig) {}

  get name(): string {
    return this.config.name
  }

  get up(): boolean {
    return this.state === 'up'
  }

  /** Requests in flight plus those waiting: what least-outstanding balancing compares. */
  get outstanding(): number {
    return this.inflight + this.queue.length
  }

  /** Requests waiting for a slot under `maxConcurrent`. */
  get queued(): number {
    return this.queue.length
  }

  /** How long the request at the head of the queue has waited (0 when none waits). */
  queueWaitMs(now: number): number {
    const head = this.queue[0]
    return head ? now - head.since : 0
  }

  /** Tokens of context `model` is served with, when the config or the engine says. */
  contextOf(model: string): number | undefined {
    return this.config.contextLength ?? this.learnedContext.get(model)
  }

  /**
   * Whether a request may be sent now: always when up; when down and its wait is over, this request becomes the
   * one half-open trial (the others skip it until the trial ends).
   */
  admit(now: number): boolean {
    if (this.state === 'up') return true
    if (this.state === 'down' && now >= this.retryAt) {
      this.state = 'half-open'
      return true
    }
    return false
  }

  /** A request it answered (any status below 500). */
  succeeded(): void {
    this.failures = 0
    this.busyUntil = 0
    if (this.state !== 'up') {
      this.state = 'up'
      this.contextsRead = false
    }
    this.lastError = undefined
  }

  /** A request it failed (refused, 5xx, silent): down after `failuresToDown` in a row, or when it was the trial. */
  requestFailed(reason: string, settings: RouterSettings, now: number): void {
    this.lastError = reason
    this.failures++
    if (this.state === 'half-open' || this.failures >= settings.failuresToDown) this.down(settings, now, 'requests')
  }

  /** A failed health probe: down at once. */
  probeFailed(reason: string, settings: RouterSettings, now: number): void {
    this.lastError = reason
    if (this.state !== 'down') this.down(settings, now, 'probe')
  }

  /** A passing health probe brings back an upstream that a failed probe took down (see above). */
  probePassed(): void {
    if (this.state === 'down' && this.downBy === 'probe') this.succeeded()
  }

  /** It answered 503 with a time to come back: no failure, but no trial passed either. */
  busy(until: number, reason: string): void {
    this.busyUntil = until
    this.lastError = reason
    if (this.state === 'half-open') {
      this.state = 'down'
      this.retryAt = until
    }
  }

  /** The request ended without a verdict (the client went away): a trial it held is free for the next request. */
  abandon(): void {
    if (this.state === 'half-open') {
      this.state = 'down'
      this.retryAt = 0
    }
  }

  private down(settings: RouterSettings, now: number, by: 'probe' | 'requests'): void {
    this.state = 'down'
    this.downBy = by
    this.retryAt = now + settings.halfOpenAfterMs
  }

  /** Waits for a free slot under `maxConcurrent`; an aborted wait leaves the queue. */
  acquire(signal: AbortSignal): Promise<void> {
    const max = this.config.maxConcurrent ?? Number.POSITIVE_INFINITY
    if (this.inflight < max && this.queue.length === 0) {
      this.inflight++
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: () => {
          signal.removeEventListener('abort', onAbort)
          resolve()
        },
        reject,
        since: performance.now(),
      }
      const onAbort = () => {
        const i = this.queue.indexOf(waiter)
        if (i >= 0) this.queue.splice(i, 1)
        reject(new Error('client went away while queued'))
      }
      signal.addEventListener('abort', onAbort, {once: true})
      this.queue.push(waiter)
    })
  }

  release(): void {
    const next = this.queue.shift()
    if (next) next.resolve()
    else this.inflight--
  }
}

export class UpstreamPool {
  private upstreams: Upstream[] = []

  constructor(configs: UpstreamConfig[]) {
    this.update(configs)
  }

  update(configs: UpstreamConfig[]): void {
    const old = new Map(this.upstreams.map((u) => [u.name, u]))
    this.upstreams = configs.map((c) => {
      const same = old.get(c.name)
      if (!same || same.config.url !== c.url) return new Upstream(c)
      same.config = c
      return same
    })
  }

  all(): readonly Upstream[] {
    return this.upstreams
  }

  /** The smallest context any upstream serves `model` with, where known (what a client may count on). */
  contextOf(model: string): number | undefined {
    let least: number | undefined
    for (const u of this.upstreams) {
      const context = u.config.models.includes(model) ? u.contextOf(model) : undefined
      if (context !== undefined && (least === undefined || context < least)) least = context
    }
    return least
  }

  /** Every upstream serving the target, up ones first, each group by fewest outstanding requests. */
  serving(target: Target): Upstream[] {
    return this.upstreams
      .filter((u) => (!target.upstream || u.name === target.upstream) && u.config.models.includes(target.model))
      .sort((a, b) => Number(b.up) - Number(a.up) || a.outstanding - b.outstanding)
  }
}
