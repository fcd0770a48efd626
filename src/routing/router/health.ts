import {request} from 'node:http'
import {request as requestTls} from 'node:https'
import {serverRoot} from '../../llm/endpoint.js'
import type {RouterSettings} from '../config.js'
import type {Upstream, UpstreamPool} from './upstream-pool.js'

// Health checks: every interval each upstream's health path is probed; a failed probe takes it out, a passing one
// brings it back. Probes of one round run at once and never overlap the next round.

export function probe(upstream: Upstream, timeoutMs: number): Promise<string | undefined> {
  const url = `${serverRoot(upstream.config.url)}${upstream.config.healthPath}`
  return new Promise((resolve) => {
    const send = url.startsWith('https:') ? requestTls : request
    const req = send(url, {method: 'GET', timeout: timeoutMs}, (res) => {
      res.resume()
      const ok = (res.statusCode ?? 500) < 400
      resolve(ok ? undefined : `health check answered HTTP ${res.statusCode}`)
    })
    req.on('timeout', () => req.destroy(new Error(`health check timed out after ${timeoutMs} ms`)))
    req.on('error', (error) => resolve(error.message || (error as NodeJS.ErrnoException).code || 'connection failed'))
    req.end()
  })
}

export class HealthChecker {
  private timer: NodeJS.Timeout | undefined
  private running = false

  constructor(
    private readonly pool: UpstreamPool,
    private settings: () => RouterSettings,
  ) {}

  start(): void {
    void this.round()
    this.schedule()
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.round().finally(() => this.timer && this.schedule())
    }, this.settings().healthIntervalMs)
    this.timer.unref()
  }

  async round(): Promise<void> {
    if (this.running) return
    this.running = true
    try {
      const settings = this.settings()
      await Promise.all(
        this.pool.all().map(async (u) => {
          const problem = await probe(u, settings.healthTimeoutMs)
          if (problem) u.failed(problem, settings)
          else u.succeeded()
        }),
      )
    } finally {
      this.running = false
    }
  }

  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }
}
