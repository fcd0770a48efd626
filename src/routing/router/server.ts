import {watch} from 'node:fs'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {basename, dirname} from 'node:path'
import {listenError, OacError} from '../../errors.js'
import type {ChatMessage, ToolSpec} from '../../llm/types.js'
import {guardRequest, isLoopbackBind, SERVER_TIMEOUTS} from '../../util/request-guard.js'
import {loadRoutingConfig, parseTarget, type RoutingConfig, type UpstreamApi} from '../config.js'
import {RouterError, sendError, sendJson} from './client-errors.js'
import {HealthChecker, healthReport} from './health.js'
import {RouterMetrics} from './metrics.js'
import {routableModels} from './pick-route.js'
import {proxy} from './proxy.js'
import {readJsonBody} from './read-body.js'
import {newRecord, outcomeOf, type RequestApi, type RequestOutcome, type RequestRecord} from './request-record.js'
import {UpstreamPool} from './upstream-pool.js'
import type {ProxiedApi} from './upstream-request.js'
import {anthropicToChat, stripBillingHeader} from './wire/anthropic-to-chat.js'

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
    }
  | {type: 'reload'; ok: true; file: string}
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

const API_OF: Record<string, ProxiedApi> = {
  '/v1/chat/completions': 'chat',
  '/v1/messages': 'messages',
  '/v1/responses': 'responses',
  '/v1/embeddings': 'embeddings',
}

/** GET paths that are not API requests: answered without a log line or a metric sample. */
const INFO_PATHS = new Set(['/health', '/metrics', '/v1/models'])

const apiOfPath = (path: string): RequestApi =>
  API_OF[path] ?? (path === '/v1/messages/count_tokens' ? 'count_tokens' : 'other')

export async function startRouter(o: RouterOptions): Promise<RunningRouter> {
  let config = o.config
  const keys = () => [...config.settings.apiKeys, ...(o.apiKeys ?? [])]
  if (!isLoopbackBind(o.host) && keys().length === 0)
    throw new RouterStartError(
      `binding ${o.host} exposes the router beyond this machine: set settings.apiKeys in the config or OAC_ROUTER_API_KEYS`,
    )
  const pool = new UpstreamPool(config.upstreams)
  const metrics = new RouterMetrics()
  const health = new HealthChecker(pool, () => config.settings)
  const emit = o.onEvent ?? (() => {})

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
      return void res.end(metrics.render(pool.all()))
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
    if (record.api === 'count_tokens') return sendJson(res, 200, {input_tokens: await countAnthropicTokens(body)})
    await proxy({config: current, pool, health, metrics, arrivedAt, record}, record.api, path, request, req, res)
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
    res.once('close', () => {
      const status = outcomeOf(record, res)
      metrics.request(record.api, status)
      if (o.onEvent)
        emit({
          type: 'request',
          api: record.api,
          model: record.model,
          ...(record.upstream ? {upstream: record.upstream, upstreamModel: record.upstreamModel} : {}),
          status,
          ms: Math.round(performance.now() - arrivedAt),
          fallbacks: record.fallbacks,
          ...(record.error ? {error: record.error} : {}),
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
  })
  health.start()

  const reload = (): string | undefined => {
    if (!o.configFile) return 'no config file to reload'
    try {
      config = loadRoutingConfig(o.configFile)
      pool.update(config.upstreams)
      emit({type: 'reload', ok: true, file: o.configFile})
      void health.round()
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
        stopWatching()
        process.off('SIGHUP', onHup)
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The request's path: read directly when it is a plain origin-form path (every client's), else through URL. */
export function requestPath(url = '/'): string {
  const query = url.indexOf('?')
  const path = query < 0 ? url : url.slice(0, query)
  if (path.startsWith('/') && !path.startsWith('//') && !/[%\\]|\/\.|#/.test(path)) return path
  return new URL(url, 'http://x').pathname
}

/** Watches the file's folder (editors replace files), debounced so one save reloads once. */
function watchFile(file: string, onChange: () => void): () => void {
  let timer: NodeJS.Timeout | undefined
  const watcher = watch(dirname(file), (_event, name) => {
    if (name !== basename(file)) return
    clearTimeout(timer)
    timer = setTimeout(onChange, 100)
  })
  return () => {
    clearTimeout(timer)
    watcher.close()
  }
}

/**
 * The routable models in the client's API shape. Each carries its context where an upstream says it (the smallest,
 * for a model several serve; a route's name gets its target's), under vLLM's name `max_model_len`, which
 * `oac route apply` and other clients read.
 */
function modelList(config: RoutingConfig, pool: UpstreamPool, req: IncomingMessage): unknown {
  const ids = routableModels(config)
  const contextOf = (id: string) => {
    const route = config.routes.find((r) => r.match.model === id)
    return pool.contextOf(route ? parseTarget(route.to, config.upstreams).model : id)
  }
  const context = (id: string) => {
    const n = contextOf(id)
    return n === undefined ? {} : {max_model_len: n}
  }
  // Anthropic clients list models with their own shape.
  if (req.headers['anthropic-version'])
    return {
      data: ids.map((id) => ({
        type: 'model',
        id,
        display_name: id,
        created_at: '2026-01-01T00:00:00Z',
        ...context(id),
      })),
      has_more: false,
      first_id: ids[0] ?? null,
      last_id: ids[ids.length - 1] ?? null,
    }
  return {
    object: 'list',
    data: ids.map((id) => ({id, object: 'model', created: 0, owned_by: 'oac-router', ...context(id)})),
  }
}

/**
 * Anthropic count_tokens, counted on the translated chat prompt the way `oac sim` counts usage. The tokenizer's
 * tables (~40 MB resident) load on the first such request, not with the router.
 */
export async function countAnthropicTokens(body: Record<string, unknown>): Promise<number> {
  if (!Array.isArray(body.messages)) throw new RouterError(400, 'messages: field required (an array)')
  stripBillingHeader(body)
  const chat = anthropicToChat(body, String(body.model ?? ''))
  const {countPromptTokens} = await import('../../llm/prompt-tokens.js')
  return countPromptTokens(chat.messages as ChatMessage[], (chat.tools as ToolSpec[] | undefined) ?? [])
}
