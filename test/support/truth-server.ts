import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'

// A chat server whose timing and token counts are known exactly, written apart from `oac sim` so that oac's figures
// are checked against an independent law: token i (1-based) of a reply leaves at t0 + TTFT + (i − 1) × ITL, where t0
// is when the request body arrived; the first chunk holds one token, later chunks `chunk` tokens; each token is the
// text "x " (one token in every BPE we know of, and what the counts below assume). Knobs give the shapes real
// engines send: no usage, reasoning first, the whole reply in one chunk, a failing status every k-th request, TTFT
// growing with the prompt, a JSON body instead of a stream, a tool call streamed as its arguments.

export interface TruthKnobs {
  ttftMs?: number
  itlMs?: number
  /** Tokens per chunk after the first (which holds one). */
  chunk?: number
  /** Tokens per reply (fewer when the request's max_tokens is lower). */
  outTokens?: number
  /** Never send usage. */
  noUsage?: boolean
  /** The first R tokens are `reasoning_content`, the rest `content`. */
  reasonTokens?: number
  /** The whole reply in one chunk, flushed when its last token is ready. */
  oneChunk?: boolean
  /** Every k-th chat request (1-based) answers `failStatus` at once. */
  failEvery?: number
  failStatus?: number
  /** TTFT grows by prompt tokens / this many per second (prompt tokens = JSON length of the messages / 4). */
  prefillTokS?: number
  /** Answer a streamed request with one JSON body, as a server without streaming does. */
  noStream?: boolean
  /** The reply is one tool call (`toolName`, default `get_weather`) with these arguments, a few characters per chunk. */
  toolArguments?: string
  toolName?: string
  /** `owned_by` in /v1/models (vllm, llamacpp…: how oac tells the engine); read at each request, so a test may change it. */
  ownedBy?: string
  /** finish_reason of every reply (default `stop`, or `tool_calls` with toolArguments). */
  finishReason?: string
}

export interface TruthServer {
  url: string
  baseUrl: string
  /** Chat requests seen. */
  requests: () => number
  close: () => Promise<void>
}

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now())))

/** Prompt tokens as this server counts them: a quarter of the messages' JSON length. */
export const truthPromptTokens = (messages: unknown) => Math.max(1, Math.round(JSON.stringify(messages).length / 4))

export async function startTruthServer(k: TruthKnobs = {}): Promise<TruthServer> {
  const ttft = k.ttftMs ?? 150
  const itl = k.itlMs ?? 12
  const per = k.chunk ?? 3
  let count = 0
  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c: Buffer) => {
      raw += c.toString()
    })
    req.on('end', async () => {
      const t0 = performance.now()
      const json = (status: number, body: unknown) => {
        res.writeHead(status, {'content-type': 'application/json'})
        res.end(JSON.stringify(body))
      }
      if (req.url?.startsWith('/v1/models'))
        return json(200, {object: 'list', data: [{id: 'truth', object: 'model', owned_by: k.ownedBy ?? 'truth'}]})
      if (!req.url?.startsWith('/v1/chat/completions')) return json(404, {error: {message: 'not found'}})
      count++
      if (k.failEvery && count % k.failEvery === 0)
        return json(k.failStatus ?? 429, {error: {message: `synthetic ${k.failStatus ?? 429}`, type: 'rate_limit'}})
      const body = JSON.parse(raw) as {messages: unknown; max_tokens?: number; stream?: boolean; model?: string}
      const n = Math.min(body.max_tokens ?? k.outTokens ?? 64, k.outTokens ?? 64)
      const prompt = truthPromptTokens(body.messages)
      const first = t0 + ttft + (k.prefillTokS ? (prompt / k.prefillTokS) * 1000 : 0)
      const usage = {prompt_tokens: prompt, completion_tokens: n, total_tokens: prompt + n}
      const finish = k.finishReason ?? (k.toolArguments === undefined ? 'stop' : 'tool_calls')
      const model = body.model ?? 'truth'
      const tool = k.toolName ?? 'get_weather'
      if (!body.stream || k.noStream) {
        await sleepUntil(first + (n - 1) * itl)
        const message =
          k.toolArguments === undefined
            ? {role: 'assistant', content: 'x '.repeat(n)}
            : {
                role: 'assistant',
                content: null,
                tool_calls: [{id: 'call_0', type: 'function', function: {name: tool, arguments: k.toolArguments}}],
              }
        return json(200, {
          id: 'truth',
          object: 'chat.completion',
          model,
          choices: [{index: 0, message, finish_reason: finish}],
          ...(k.noUsage ? {} : {usage}),
        })
      }
      res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache'})
      const send = (delta: object, finishReason: string | null = null) =>
        res.write(
          `data: ${JSON.stringify({id: 'truth', object: 'chat.completion.chunk', model, choices: [{index: 0, delta, finish_reason: finishReason}]})}\n\n`,
        )
      if (k.toolArguments !== undefined) {
        const args = k.toolArguments
        await sleepUntil(first)
        send({tool_calls: [{index: 0, id: 'call_0', type: 'function', function: {name: tool, arguments: ''}}]})
        for (let i = 0; i < args.length; i += per) {
          await sleepUntil(first + (i / per + 1) * itl)
          send({tool_calls: [{index: 0, function: {arguments: args.slice(i, i + per)}}]})
        }
      } else if (k.oneChunk) {
        await sleepUntil(first + (n - 1) * itl)
        send({role: 'assistant', content: 'x '.repeat(n)})
      } else {
        const reason = k.reasonTokens ?? 0
        for (let i = 0; i < n; ) {
          let take = i === 0 ? 1 : Math.min(per, n - i)
          // A chunk never mixes reasoning and content.
          if (i < reason) take = Math.min(take, reason - i)
          await sleepUntil(first + (i + take - 1) * itl)
          const text = 'x '.repeat(take)
          send(i < reason ? {reasoning_content: text} : {content: text})
          i += take
        }
      }
      send({}, finish)
      if (!k.noUsage)
        res.write(
          `data: ${JSON.stringify({id: 'truth', object: 'chat.completion.chunk', model, choices: [], usage})}\n\n`,
        )
      res.end('data: [DONE]\n\n')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    baseUrl: `${url}/v1`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The same server in its own process (`tsx truth-server.ts '{knobs}'`), so the client's work cannot delay its clock. */
export async function startTruthProcess(knobs: TruthKnobs = {}): Promise<TruthServer> {
  const {execa} = await import('execa')
  const child = execa(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), new URL(import.meta.url).pathname, JSON.stringify(knobs)],
    {reject: false},
  )
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      const m = /listening on (http:\/\/\S+)/.exec(d.toString())
      if (m?.[1]) resolve(m[1])
    })
    child.then((r) => reject(new Error(`truth server exited ${r.exitCode}: ${r.stderr}`)))
  })
  return {
    url,
    baseUrl: `${url}/v1`,
    requests: () => Number.NaN,
    close: async () => {
      child.kill('SIGTERM')
      await child
    },
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const server = await startTruthServer(JSON.parse(process.argv[2] ?? '{}') as TruthKnobs)
  console.log(`truth server listening on ${server.url}`)
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)))
}
