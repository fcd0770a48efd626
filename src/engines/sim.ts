import {appendFileSync} from 'node:fs'
import {countPromptTokens} from '../llm/prompt-tokens.js'
import {countTokens, encodeTokens} from '../llm/tokenizer.js'
import type {ChatMessage, ToolSpec} from '../llm/types.js'
import {prepareOutputFile} from '../make-dir.js'
import {readJson, sendJson} from './http/http-io.js'
import {type RunningServer, serveBackend} from './http/serve-backend.js'
import {SimEngine} from './sim/engine.js'
import {SIM_DEFAULTS, type SimOptions} from './sim/options.js'
import {loadScript, type Script} from './sim/script.js'

// `oac sim`: an engine simulator (OpenAI + Anthropic APIs, vLLM metrics, llama.cpp /props, Ollama /api/show)
// with exact, configurable timing and scripted replies, so every stage can be tested without a GPU.

export interface RunningSim extends RunningServer {
  engine: SimEngine
}

/** Starts the simulator; port 0 picks a free port. A script object, when given, replaces `options.script`. */
export async function startSim(options: Partial<SimOptions> = {}, script?: Script): Promise<RunningSim> {
  const o: SimOptions = {...SIM_DEFAULTS, ...options}
  const engine = new SimEngine(o, script ?? (o.script ? loadScript(o.script) : undefined))
  const log = o.log
  // Checked before listening: a log that cannot be written would otherwise fail at the first request.
  if (log) prepareOutputFile(log, '--log')
  if (log)
    engine.requestLog = (entry) =>
      appendFileSync(log, `${JSON.stringify({time: new Date().toISOString(), ...entry})}\n`)
  const server = await serveBackend(engine, {
    host: o.host,
    port: o.port,
    apiKey: o.apiKey,
    name: 'oac sim',
    engine: 'sim',
    extra: async (req, res, path) => {
      if (path === '/metrics') {
        res.writeHead(200, {'content-type': 'text/plain; version=0.0.4'})
        res.end(
          o.models.map((m) => engine.metrics.render(m, engine.scheduler.running, engine.scheduler.waiting)).join(''),
        )
        return true
      }
      // llama.cpp server's /props: the context per slot and the slot count.
      if (path === '/props' && o.flavor === 'llamacpp') {
        sendJson(res, 200, {
          default_generation_settings: {n_ctx: o.context, model: o.models[0]},
          total_slots: o.maxSeqs,
          model_path: `${o.models[0]}.gguf`,
        })
        return true
      }
      // vLLM's /tokenize (chat form: the templated prompt's count) and llama.cpp's (text form: the ids).
      if (path === '/tokenize' && req.method === 'POST' && o.flavor !== 'ollama') {
        const body = await readJson(req)
        if (o.flavor === 'llamacpp') sendJson(res, 200, {tokens: encodeTokens(String(body.content ?? ''))})
        else {
          const messages = (body.messages ?? []) as ChatMessage[]
          const count =
            body.prompt !== undefined
              ? countTokens(String(body.prompt))
              : countPromptTokens(messages, (body.tools ?? []) as ToolSpec[])
          sendJson(res, 200, {count, max_model_len: o.context, tokens: []})
        }
        return true
      }
      // Ollama's /api/show: the model's trained context and the num_ctx the server applies.
      if (path === '/api/show' && req.method === 'POST' && o.flavor === 'ollama') {
        const body = await readJson(req)
        engine.checkModel(String(body.model ?? body.name ?? o.models[0]))
        sendJson(res, 200, {
          model_info: {'general.architecture': 'sim', 'sim.context_length': o.context},
          parameters: `num_ctx ${o.context}`,
          details: {format: 'gguf'},
        })
        return true
      }
      return false
    },
  })
  return {...server, engine}
}
