import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {routingConfigSchema} from '../../src/routing/config.js'
import {formatEvent} from '../../src/routing/router/run-router.js'
import {type RouterEvent, type RunningRouter, startRouter} from '../../src/routing/router/server.js'

// One log line and one metric sample per API request, whoever answered (issue 26, item 4): errors the router answers
// itself are logged, a stream the client cancelled is `cancelled`, and health, model-list and metrics calls are
// neither logged nor counted.

let sim: RunningSim
let router: RunningRouter
const events: RouterEvent[] = []
beforeAll(async () => {
  sim = await startSim({port: 0, ttftMs: 1, itlMs: 30, models: ['m']})
  const config = routingConfigSchema.parse({
    upstreams: [
      {name: 'sim', url: sim.baseUrl, models: ['m']},
      {name: 'gone', url: 'http://127.0.0.1:9/v1', models: ['nowhere']},
    ],
    settings: {healthIntervalMs: 60_000},
  })
  router = await startRouter({config, host: '127.0.0.1', port: 0, onEvent: (e) => events.push(e)})
})
afterAll(async () => {
  await router.close()
  await sim.close()
})

const requests = () => events.filter((e): e is Extract<RouterEvent, {type: 'request'}> => e.type === 'request')
const post = (path: string, body: unknown, signal?: AbortSignal) =>
  fetch(`${router.url}${path}`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  })
const until = async (check: () => boolean) => {
  const end = Date.now() + 3000
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('request log and metrics', () => {
  it('one line and one sample per API request, router errors and cancelled streams included', async () => {
    const chat = {model: 'm', messages: [{role: 'user', content: 'hi'}], max_tokens: 2}
    expect((await post('/v1/chat/completions', chat)).status).toBe(200)
    for (const path of ['/health', '/v1/models', '/metrics'])
      expect((await fetch(`${router.url}${path}`)).ok).toBe(true)
    expect((await post('/v1/chat/completions', {...chat, model: 'unknown'})).status).toBe(404)
    expect((await post('/v1/messages', '{not json')).status).toBe(400)
    expect((await post('/v1/chat/completions', {...chat, model: 'nowhere'})).status).toBe(503)
    expect((await post('/v1/nothing-here', chat)).status).toBe(404)
    expect((await post('/v1/messages/count_tokens', {model: 'm', messages: chat.messages})).status).toBe(200)

    const controller = new AbortController()
    const stream = await post('/v1/chat/completions', {...chat, max_tokens: 50, stream: true}, controller.signal)
    await stream.body?.getReader().read()
    controller.abort()
    await until(() => requests().length === 7)

    expect(requests().map((e) => [e.api, e.model, e.status])).toEqual([
      ['chat', 'm', 200],
      ['chat', 'unknown', 404],
      ['messages', '', 400],
      ['chat', 'nowhere', 503],
      ['other', '', 404],
      ['count_tokens', 'm', 200],
      ['chat', 'm', 'cancelled'],
    ])
    const [, unknown, , none, , , cancelled] = requests()
    expect(unknown?.error).toMatch(/^no route for model `unknown`/)
    expect(none?.error).toMatch(/^no upstream could answer `nowhere`: gone: /)
    expect(formatEvent(none as RouterEvent)).toMatch(/^chat nowhere 503 \d+ ms: no upstream could answer/)
    expect(formatEvent(cancelled as RouterEvent)).toMatch(/^chat m -> sim\/m cancelled \d+ ms$/)

    const metrics = await (await fetch(`${router.url}/metrics`)).text()
    const counted = metrics
      .split('\n')
      .filter((l) => l.startsWith('oac_router_requests_total{'))
      .sort()
    expect(counted).toEqual(
      [
        'oac_router_requests_total{api="chat",status="200"} 1',
        'oac_router_requests_total{api="chat",status="404"} 1',
        'oac_router_requests_total{api="messages",status="400"} 1',
        'oac_router_requests_total{api="chat",status="503"} 1',
        'oac_router_requests_total{api="other",status="404"} 1',
        'oac_router_requests_total{api="count_tokens",status="200"} 1',
        'oac_router_requests_total{api="chat",status="cancelled"} 1',
      ].sort(),
    )
  })

  it("a log line carries no escape sequence a client's model name or an upstream's error held", () => {
    const hostile = '\u001b]52;c;Y3VybCBldmlsfHNo\u0007\u001b[2J\r'
    const line = formatEvent({
      type: 'request',
      api: 'chat',
      model: `m${hostile}`,
      status: 502,
      ms: 3,
      fallbacks: 0,
      error: `upstream said: boom${hostile}`,
    })
    expect(line).toBe('chat m 502 3 ms: upstream said: boom')
  })
})
