import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {listenError, OacError} from '../../errors.js'
import type {GpuSampler} from '../../hardware/gpu-sampler.js'
import {guardRequest, isLoopbackBind, SERVER_TIMEOUTS} from '../../util/request-guard.js'
import {isCloud, loadRoutingConfig, type RoutingConfig, type UpstreamApi} from '../config.js'
import {RouterCosts} from '../cost/router-costs.js'
import {RouterError, sendError, sendJson} from './client-errors.js'
import {DashboardFeed, dashboardHtml} from './dashboard.js'
import {HealthChecker, healthReport} from './health.js'
import {renderLiveMetrics} from './live-metrics.js'
import {LiveStats} from './live-stats.js'
import {RouterMetrics} from './metrics.js'
import {countAnthropicTokens, modelList} from './model-list.js'
import {proxy} from './proxy.js'
import {readJsonBody} from './read-body.js'
import {apiOfPath, INFO_PATHS, requestPath} from './request-path.js'
import {newRecord, outcomeOf, type RequestApi, type RequestOutcome, type RequestRecord} from './request-record.js'
import {UpstreamPool} from './upstream-pool.js'
import {watchFile} from './watch-file.js'

// `oac router`: one local endpoint for every client API. This file is the HTTP shell: API keys, the routes,
// errors in each client's format, and the config's life (hot reload on file change or SIGHUP; a bad file is
// reported and the last good config keeps serving; streams in flight keep the config they started with).

export type RouterEvent =
  | {
      type: 'request'
      api: RequestApi
      /** The model the client asked for ('' when the request was refused before its body was read). */
      model: string
      upstream?: string
      upstreamModel?: string
      status: RequestOutcome
      ms: number
      fallbacks: number
      error?: string
      /** Why it went where it went, when that was not its route's first choice (the ledger keeps it always). */
      why?: string
    }
  | {type: 'reload'; ok: true; file: string}
  /** Something the operator should know that is no request's: a ledger batch that could not be written. */
  | {type: 'problem'; error: string}
  | {type: 'reload'; ok: false; file: string; error: string}

export interface RouterOptions {
  config: RoutingConfig
  host: string
  port: number
  /** Reloaded on change and on SIGHUP. */
  configFile?: string
  /** Keys accepted besides the config's `settings.apiKeys` (e.g. from the environment). */
  apiKeys?: string[]
  onEvent?: (event: RouterEvent) => void
  /**
   * Whether the user allows cloud upstreams (routing/allow-cloud.ts reads their own settings); asked at start and
   * on each reload. Default: never.
   */
  allowCloud?: () => Promise<boolean> | boolean
  /** The results store the cost ledger writes to (default: $OAC_HOME/oac.db). */
  ledgerFile?: string
  /** Reads the GPUs for the energy meter and the dashboard (default: none). */
  sampler?: GpuSampler
}

export interface RunningRouter {
  url: string
  baseUrl: string
  config(): RoutingConfig
  /** Re-reads the config file; returns the error message when the file is bad (the old config stays). */
  reload(): string | undefined
  /** Runs one round of health checks now. */
  checkHealth(): Promise<void>
  close(): Promise<void>
}

/** The router cannot start as asked (exit 2): a non-loopback bind without API keys. */
export class RouterStartError extends OacError {
  override name = 'RouterStartError'
}

/** OpenAI's error codes for the shared request guard's refusals. */
const GUARD_CODES: Record<number, string> = {401: 'invalid_api_key', 415: 'unsupported_media_type'}

export async function startRouter(o: RouterOptions): Promise<RunningRouter> {
  let config = o.config
  const keys = () => [...config.settings.apiKeys, ...(o.apiKeys ?? [])]
  if (!isLoopbackBind(o.host) && keys().length === 0)
    throw new RouterStartError(
      `binding ${o.host} exposes the router beyond this machine: set settings.apiKeys in the config or OAC_ROUTER_API_KEYS`,
    )
  const pool = new UpstreamPool(config.upstreams)
  const metrics = new RouterMetrics()
  const emit = o.onEvent ?? (() => {})
  let allowCloud = (await o.allowCloud?.()) === true
  const readAllowCloud = () =>
    Promise.resolve(o.allowCloud?.())
      .then((allowed) => {
        allowCloud = allowed === true
      })
      .catch(() => {
        allowCloud = false
      })
  // No traffic at all to a cloud upstream, probes included, while the cloud is not allowed.
  const health = new HealthChecker(
    pool,
    () => config.settings,
    (u) => allowCloud || !isCloud(u.config),
  )
  const costs = new RouterCosts(config.settings, {
    ...(o.ledgerFile ? {ledgerFile: o.ledgerFile} : {}),
    ...(o.sampler ? {sampler: o.sampler} : {}),
    onProblem: (error) => emit({type: 'problem', error}),
  })
  const stats = new LiveStats()
  const feed = new DashboardFeed(() => stats.snapshot(config, pool, costs))

  // The shared request guard (util/request-guard.ts): loopback Host names, JSON POSTs, and the keys when there are any.
  const authorize = (req: IncomingMessage, path: string) => {
    const refused = guardRequest(req, {host: o.host, apiKeys: keys()}, path)
    if (refused) throw new RouterError(refused.status, refused.message, GUARD_CODES[refused.status])
  }

  const info = (req: IncomingMessage, res: ServerResponse, path: string) => {
    authorize(req, path)
    if (path === '/health') {
      const report = healthReport(pool.all())
      return sendJson(res, report.status === 'down' ? 503 : 200, report)
    }
    if (path === '/metrics') {
      res.writeHead(200, {'content-type': 'text/plain; version=0.0.4'})
      return void res.end(metrics.render(pool.all()) + renderLiveMetrics(stats.snapshot(config, pool, costs)))
    }
    if (path.startsWith('/dashboard')) {
      if (!config.settings.dashboard) throw new RouterError(404, 'the dashboard is off (settings.dashboard: false)')
      if (path === '/dashboard/events') return feed.attach(req, res)
      res.writeHead(200, {'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store'})
      return void res.end(dashboardHtml())
    }
    sendJson(res, 200, modelList(config, pool, req))
  }

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    arrivedAt: number,
    path: string,
    record: RequestRecord,
  ) => {
    const current = config
    authorize(req, path)
    if (req.method !== 'POST') throw new RouterError(404, `no route ${req.method} ${path}`)
    if (record.api === 'other') throw new RouterError(404, `no route POST ${path}`)
    const request = await readJsonBody(req, current.settings.maxBodyBytes)
    const body = request.body
    record.model = typeof body.model === 'string' ? body.model : ''
    record.bytes = request.bytes
    if (record.api === 'count_tokens') return sendJson(res, 200, {input_tokens: await countAnthropicTokens(body)})
    const ctx = {config: current, pool, health, metrics, arrivedAt, record, allowCloud, cap: costs.cap}
    await proxy({...ctx, energy: costs.energy}, record.api, path, request, req, res)
  }

  const server = createServer(SERVER_TIMEOUTS, (req, res) => {
    const arrivedAt = performance.now()
    const path = requestPath(req.url)
    const fail = (api: UpstreamApi, error: unknown) => {
      if (res.destroyed) return
      const e =
        error instanceof RouterError ? error : new RouterError(500, `oac router failed: ${(error as Error).message}`)
      sendError(res, api, e)
      return e.message
    }
    if (req.method === 'GET' && INFO_PATHS.has(path)) {
      try {
        info(req, res, path)
      } catch (error) {
        fail('chat', error)
      }
      return
    }
    const record = newRecord(apiOfPath(path))
    const arrived = new Date()
    res.once('close', () => {
      const status = outcomeOf(record, res)
      const ms = performance.now() - arrivedAt
      metrics.request(record.api, status)
      const upstream = record.upstream ? pool.all().find((u) => u.name === record.upstream)?.config : undefined
      costs.finish(record, status, arrived, ms, upstream)
      stats.record(record, status)
      if (o.onEvent)
        emit({
          type: 'request',
          api: record.api,
          model: record.model,
          ...(record.upstream ? {upstream: record.upstream, upstreamModel: record.upstreamModel} : {}),
          status,
          ms: Math.round(ms),
          fallbacks: record.fallbacks,
          ...(record.error ? {error: record.error} : {}),
          ...(record.detoured && record.why ? {why: record.why} : {}),
        })
    })
    handle(req, res, arrivedAt, path, record).catch((error: unknown) => {
      // A reply that had started cannot become an error reply: the connection is cut (sendError), and it is `broken`.
      if (res.headersSent && !res.destroyed) record.broken = true
      const api = record.api === 'messages' || record.api === 'count_tokens' ? 'messages' : record.api
      const message = fail(api === 'embeddings' || api === 'other' ? 'chat' : api, error)
      if (message) record.error = message
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, o.host, o.port)))
    server.listen(o.port, o.host, () => resolve())
  }).catch((error: unknown) => {
    costs.close()
    throw error
  })
  health.start()

  const reload = (): string | undefined => {
    if (!o.configFile) return 'no config file to reload'
    try {
      config = loadRoutingConfig(o.configFile)
      pool.update(config.upstreams)
      costs.update(config.settings)
      emit({type: 'reload', ok: true, file: o.configFile})
      void readAllowCloud().then(() => health.round())
      return undefined
    } catch (error) {
      const message = (error as Error).message
      emit({type: 'reload', ok: false, file: o.configFile, error: message})
      return message
    }
  }
  const stopWatching = o.configFile ? watchFile(o.configFile, reload) : () => {}
  const onHup = () => void reload()
  if (o.configFile) process.on('SIGHUP', onHup)

  const {port} = server.address() as AddressInfo
  const host = o.host.includes(':') ? `[${o.host}]` : o.host
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`
  return {
    url,
    baseUrl: `${url}/v1`,
    config: () => config,
    reload,
    checkHealth: () => health.round(),
    close: () =>
      new Promise((resolve) => {
        health.stop()
        feed.stop()
        stopWatching()
        process.off('SIGHUP', onHup)
        server.closeAllConnections()
        server.close(() => {
          const problem = costs.close()
          if (problem) emit({type: 'problem', error: problem})
          resolve()
        })
      }),
  }
}
