import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {listenError} from '../../errors.js'
import {OAC_ENGINE_HEADER} from '../../llm/identify-engine.js'
import {guardRequest, SERVER_TIMEOUTS} from '../../util/request-guard.js'
import {anthropicError, handleAnthropic} from './anthropic-routes.js'
import type {ChatBackend} from './backend.js'
import {StreamCut} from './chat-request.js'
import {SimHttpError, sendJson} from './http-io.js'
import {handleOpenAi, openAiError} from './openai-routes.js'
import {handleResponses} from './responses-routes.js'

// The HTTP face shared by `oac sim` and the embedded engine: /health, the OpenAI routes, the Anthropic
// Messages API, plus whatever engine-specific routes the caller adds. Errors take each API's own shape.

export interface RunningServer {
  url: string
  /** The OpenAI base URL (`url` + /v1). */
  baseUrl: string
  close(): Promise<void>
}

/** Engine-specific routes; return true when the path was handled. */
export type ExtraRoutes = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean> | boolean

async function route(
  backend: ChatBackend,
  o: {host: string; apiKey?: string | undefined; extra?: ExtraRoutes | undefined},
  req: IncomingMessage,
  res: ServerResponse,
  arrivedAt: number,
) {
  // Let every request already received be stamped before this one's parsing and tokenizing run: in a burst,
  // one request's intake must not delay the next one's arrival time (TTFT is scheduled from arrival).
  await new Promise((resolve) => setImmediate(resolve))
  const path = new URL(req.url ?? '/', 'http://local').pathname
  const refused = guardRequest(req, {host: o.host, apiKeys: o.apiKey ? [o.apiKey] : [], openPaths: ['/health']}, path)
  if (refused) throw new SimHttpError(refused.status, refused.message)
  if (path === '/health') return sendJson(res, 200, {status: 'ok'})
  if (o.extra && (await o.extra(req, res, path))) return
  if (await handleAnthropic(backend, req, res, path, arrivedAt)) return
  if (await handleOpenAi(backend, req, res, path, arrivedAt)) return
  if (await handleResponses(backend, req, res, path, arrivedAt)) return
  throw new SimHttpError(404, `no route ${req.method} ${path}`)
}

export async function serveBackend(
  backend: ChatBackend,
  o: {
    host: string
    port: number
    name: string
    /** Which of oac's servers this is, said on every response so a run benched by URL is labelled right. */
    engine: 'sim' | 'embedded'
    extra?: ExtraRoutes
    apiKey?: string | undefined
  },
): Promise<RunningServer> {
  const server: Server = createServer(SERVER_TIMEOUTS, (req, res) => {
    res.setHeader(OAC_ENGINE_HEADER, o.engine)
    route(backend, o, req, res, performance.now()).catch((error: unknown) => {
      if (error instanceof StreamCut || res.destroyed) return
      const httpError =
        error instanceof SimHttpError ? error : new SimHttpError(500, `${o.name} failed: ${(error as Error).message}`)
      if (res.headersSent) return void res.destroy()
      if ((req.url ?? '').startsWith('/v1/messages')) anthropicError(res, httpError)
      else openAiError(res, httpError)
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, o.host, o.port)))
    server.listen(o.port, o.host, () => resolve())
  })
  const {port} = server.address() as AddressInfo
  const url = `http://${o.host}:${port}`
  return {
    url,
    baseUrl: `${url}/v1`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
