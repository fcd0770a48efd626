import type {RouterSettings, Target, UpstreamConfig} from '../config.js'

// The upstreams' live state: up or down (and why), requests in flight, the queue past the concurrency limit.
// A reload keeps the state of upstreams whose name and URL did not change.

export class Upstream {
  inflight = 0
  up = true
  failures = 0
  lastError: string | undefined
  private readonly queue: {resolve: () => void; reject: (e: Error) => void}[] = []

  constructor(public config: UpstreamConfig) {}

  get name(): string {
    return this.config.name
  }

  /** Requests in flight plus those waiting: what least-outstanding balancing compares. */
  get outstanding(): number {
    return this.inflight + this.queue.length
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

  failed(reason: string, settings: RouterSettings): void {
    this.lastError = reason
    if (++this.failures >= settings.failuresToDown) this.up = false
  }

  succeeded(): void {
    this.failures = 0
    this.up = true
    this.lastError = undefined
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

  /** Every upstream serving the target, healthy ones first, each group by fewest outstanding requests. */
  serving(target: Target): Upstream[] {
    return this.upstreams
      .filter((u) => (!target.upstream || u.name === target.upstream) && u.config.models.includes(target.model))
      .sort((a, b) => Number(b.up) - Number(a.up) || a.outstanding - b.outstanding)
  }
}
