import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {anthropicError, handleAnthropic} from './sim/anthropic-routes.js'
import {SimEngine, StreamCut} from './sim/engine.js'
import {readJson, SimHttpError, sendJson} from './sim/http.js'
import {handleOpenAi, openAiError} from './sim/openai-routes.js'
import {SIM_DEFAULTS, type SimOptions} from './sim/options.js'
import {loadScript, type Script} from './sim/script.js'

// `oac sim`: an engine simulator (OpenAI + Anthropic APIs, vLLM metrics, llama.cpp /props, Ollama /api/show)
// with exact, configurable timing and scripted replies, so every stage can be tested without a GPU.

export interface RunningSim {
  url: string
  /** The OpenAI base URL (`url` + /v1). */
  baseUrl: string
  engine: SimEngine
  close(): Promise<void>
}

async function route(engine: SimEngine, req: IncomingMessage, res: ServerResponse, arrivedAt: number): Promise<void> {
  // Let every request already received be stamped before this one's parsing and tokenizing run: in a burst,
  // one request's intake must not delay the next one's arrival time (TTFT is scheduled from arrival).
  await new Promise((resolve) => setImmediate(resolve))
  const path = new URL(req.url ?? '/', 'http://sim').pathname
  const o = engine.options
  if (path === '/health') return sendJson(res, 200, {status: 'ok'})
  if (path === '/metrics') {
    res.writeHead(200, {'content-type': 'text/plain; version=0.0.4'})
    res.end(o.models.map((m) => engine.metrics.render(m, engine.scheduler.running, engine.scheduler.waiting)).join(''))
    return
  }
  // llama.cpp server's /props: the context per slot and the slot count.
  if (path === '/props' && o.flavor === 'llamacpp')
    return sendJson(res, 200, {
      default_generation_settings: {n_ctx: o.context, model: o.models[0]},
      total_slots: o.maxSeqs,
      model_path: `${o.models[0]}.gguf`,
    })
  // Ollama's /api/show: the model's trained context and the num_ctx the server applies.
  if (path === '/api/show' && req.method === 'POST' && o.flavor === 'ollama') {
    const body = await readJson(req)
    const name = String(body.model ?? body.name ?? o.models[0])
    engine.checkModel(name)
    return sendJson(res, 200, {
      model_info: {'general.architecture': 'sim', 'sim.context_length': o.context},
      parameters: `num_ctx ${o.context}`,
      details: {format: 'gguf'},
    })
  }
  if (await handleAnthropic(engine, req, res, path, arrivedAt)) return
  if (await handleOpenAi(engine, req, res, path, arrivedAt)) return
  throw new SimHttpError(404, `oac sim has no route ${req.method} ${path}`)
}

/** Starts the simulator; port 0 picks a free port. A script object, when given, replaces `options.script`. */
export async function startSim(options: Partial<SimOptions> = {}, script?: Script): Promise<RunningSim> {
  const o: SimOptions = {...SIM_DEFAULTS, ...options}
  const engine = new SimEngine(o, script ?? (o.script ? loadScript(o.script) : undefined))
  const server: Server = createServer((req, res) => {
    route(engine, req, res, performance.now()).catch((error: unknown) => {
      if (error instanceof StreamCut || res.destroyed) return
      const path = req.url ?? ''
      const httpError =
        error instanceof SimHttpError ? error : new SimHttpError(500, `oac sim failed: ${(error as Error).message}`)
      if (res.headersSent) return void res.destroy()
      if (path.startsWith('/v1/messages')) anthropicError(res, httpError)
      else openAiError(res, httpError)
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port, o.host, () => resolve())
  })
  const {port} = server.address() as AddressInfo
  const url = `http://${o.host}:${port}`
  return {
    url,
    baseUrl: `${url}/v1`,
    engine,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
