import {type IncomingMessage, request} from 'node:http'
import {request as requestTls} from 'node:https'
import {serverRoot} from '../../llm/endpoint.js'
import type {RouterSettings} from '../config.js'
import {busyFor} from './busy.js'
import {authHeaders} from './upstream-auth.js'
import type {Upstream, UpstreamPool} from './upstream-pool.js'

// Health checks: every interval each upstream's health path is probed (and once more right after a request to it
// failed). A failed probe takes the upstream down at once; a passing one brings a down upstream back; a 503 that
// says when to come back (a model loading) marks it busy, not down. An upstream's model list is read when it first
// answers, and again after it was down, for the context each model is served with (clamp.ts keeps requests
// inside it). `healthReport` is what `GET /health` answers.

type ProbeResult = {ok: true} | {ok: false; reason: string; busyMs?: number}

/** GET on the upstream's server root; the status, headers and up to 64 KiB of body, or why nothing came. */
function get(
  upstream: Upstream,
  path: string,
  timeoutMs: number,
): Promise<{status: number; headers: IncomingMessage['headers']; text: string} | {error: string}> {
  const url = `${serverRoot(upstream.config.url)}${path}`
  const headers = authHeaders(upstream.config)
  return new Promise((resolve) => {
    const send = url.startsWith('https:') ? requestTls : request
    const req = send(url, {method: 'GET', timeout: timeoutMs, headers}, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        if (text.length < 65_536) text += chunk
      })
      res.once('end', () => resolve({status: res.statusCode ?? 500, headers: res.headers, text}))
      res.once('error', (error) => resolve({error: error.message}))
    })
    req.on('timeout', () => req.destroy(new Error(`health check timed out after ${timeoutMs} ms`)))
    req.on('error', (error) =>
      resolve({error: error.message || (error as NodeJS.ErrnoException).code || 'connection failed'}),
    )
    req.end()
  })
}

export async function probe(upstream: Upstream, timeoutMs: number): Promise<ProbeResult> {
  const res = await get(upstream, upstream.config.healthPath, timeoutMs)
  if ('error' in res) return {ok: false, reason: res.error}
  if (res.status < 400) return {ok: true}
  const reason = `health check answered HTTP ${res.status}`
  const busyMs = busyFor(res.status, res.headers['retry-after'], res.text)
  return busyMs === undefined ? {ok: false, reason} : {ok: false, reason: `${reason} (busy)`, busyMs}
}

/**
 * The context each served model has, from the engine's own routes: vLLM and SGLang list `max_model_len` per
 * model in /v1/models; llama.cpp says `n_ctx` (per slot) in /props. Returns whether the model list answered.
 */
export async function readContexts(upstream: Upstream, timeoutMs: number): Promise<boolean> {
  const models = await get(upstream, '/v1/models', timeoutMs)
  if ('error' in models || models.status >= 400) return false
  const served = new Set(upstream.config.models)
  try {
    const data = (JSON.parse(models.text) as {data?: {id?: unknown; max_model_len?: unknown}[]}).data ?? []
    for (const m of data)
      if (typeof m.id === 'string' && served.has(m.id) && typeof m.max_model_len === 'number')
        upstream.learnedContext.set(m.id, m.max_model_len)
  } catch {
    return true
  }
  if (upstream.config.models.every((m) => upstream.learnedContext.has(m))) return true
  const props = await get(upstream, '/props', timeoutMs)
  if ('error' in props || props.status >= 400) return true
  try {
    const nCtx = (JSON.parse(props.text) as {default_generation_settings?: {n_ctx?: unknown}})
      .default_generation_settings?.n_ctx
    if (typeof nCtx === 'number')
      for (const m of upstream.config.models) if (!upstream.learnedContext.has(m)) upstream.learnedContext.set(m, nCtx)
  } catch {}
  return true
}

export class HealthChecker {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private readonly checking = new Map<Upstream, Promise<void>>()

  constructor(
    private readonly pool: UpstreamPool,
    private settings: () => RouterSettings,
    /** Which upstreams are probed: cloud ones only while the user allows the cloud (no traffic to them otherwise). */
    private readonly probed: (u: Upstream) => boolean = () => true,
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

  /** Probes every upstream once, after the round in progress (rounds never overlap), so it sees the state now. */
  async round(): Promise<void> {
    while (this.running) await this.running
    const upstreams = this.pool.all().filter(this.probed)
    this.running = Promise.all(upstreams.map((u) => this.check(u))).then(() => undefined)
    try {
      await this.running
    } finally {
      this.running = undefined
    }
  }

  /** Probes one upstream (also right after a request to it failed, so a dead engine goes down at once). */
  check(u: Upstream): Promise<void> {
    const inFlight = this.checking.get(u)
    if (inFlight) return inFlight
    const done = this.probeOnce(u).finally(() => this.checking.delete(u))
    this.checking.set(u, done)
    return done
  }

  private async probeOnce(u: Upstream): Promise<void> {
    const settings = this.settings()
    const result = await probe(u, settings.healthTimeoutMs)
    const now = performance.now()
    if (result.ok) u.probePassed()
    else if (result.busyMs !== undefined) u.busy(now + result.busyMs, result.reason)
    else u.probeFailed(result.reason, settings, now)
    if (result.ok && !u.contextsRead) u.contextsRead = await readContexts(u, settings.healthTimeoutMs)
  }

  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }
}

/** `GET /health`: `ok` when every upstream is up, `degraded` when some are not, `down` (HTTP 503) when none is. */
export function healthReport(upstreams: readonly Upstream[]) {
  const now = performance.now()
  const up = upstreams.filter((u) => u.up).length
  return {
    status: up === upstreams.length ? 'ok' : up === 0 ? 'down' : 'degraded',
    upstreams: upstreams.map((u) => ({
      name: u.name,
      state: u.state,
      up: u.up,
      failures: u.failures,
      inflight: u.inflight,
      ...(u.busyUntil > now ? {busyForMs: Math.ceil(u.busyUntil - now)} : {}),
      error: u.lastError ?? null,
      context: Object.fromEntries(u.config.models.map((m) => [m, u.contextOf(m) ?? null])),
    })),
  }
}
