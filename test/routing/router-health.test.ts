import {afterEach, describe, expect, it} from 'vitest'
import type {Script} from '../../src/engines/sim/script.js'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {routingConfigSchema} from '../../src/routing/config.js'
import {type RouterEvent, type RunningRouter, startRouter} from '../../src/routing/router/server.js'

// Honest health (issue 26, item 3): one 503 that says when to come back (a model loading) is waited out on the same
// upstream when nothing else serves the model, or passed on as Retry-After when the wait does not fit the first-byte
// budget; an upstream goes down after consecutive failures, comes back on a half-open trial, and /health says how
// much of the pool can serve.

const open: {close(): Promise<void>}[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
})

async function sim(script?: Script): Promise<RunningSim> {
  const s = await startSim({port: 0, ttftMs: 1, itlMs: 0, models: ['m']}, script)
  open.push(s)
  return s
}

async function router(config: unknown, events: RouterEvent[] = []): Promise<RunningRouter> {
  const r = await startRouter({
    config: routingConfigSchema.parse(config),
    host: '127.0.0.1',
    port: 0,
    onEvent: (e) => events.push(e),
  })
  open.unshift(r)
  return r
}

const post = (r: RunningRouter) =>
  fetch(`${r.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({model: 'm', messages: [{role: 'user', content: 'hi'}], max_tokens: 3}),
  })

const healthOf = async (r: RunningRouter) => {
  const res = await fetch(`${r.url}/health`)
  return {
    http: res.status,
    ...((await res.json()) as {
      status: string
      upstreams: {name: string; state: string; failures: number; busyForMs?: number}[]
    }),
  }
}

const served = (s: RunningSim) => s.engine.metrics.ttft.count

/** Answers 503 with `Retry-After: 1` once, as a model that is still loading does, then normally. */
const loadingOnce: Script = {
  mode: 'match',
  rules: [
    {reply: {error: {status: 503, message: 'Loading model', retryAfter: 1}}, times: 1},
    {reply: {content: 'ready'}},
  ],
}

describe('an upstream that 503s once with Retry-After', () => {
  it('is waited out within the first-byte budget: the client gets the reply, the upstream stays up', async () => {
    const s = await sim(loadingOnce)
    const events: RouterEvent[] = []
    const r = await router({upstreams: [{name: 'only', url: s.baseUrl, models: ['m']}]}, events)
    const started = performance.now()
    const res = await post(r)
    expect(res.status).toBe(200)
    expect(((await res.json()) as {choices: {message: {content: string}}[]}).choices[0]?.message.content).toBe('ready')
    expect(performance.now() - started).toBeGreaterThanOrEqual(950)
    expect(served(s)).toBe(1)
    const health = await healthOf(r)
    expect(health).toMatchObject({http: 200, status: 'ok', upstreams: [{name: 'only', state: 'up', failures: 0}]})
    const requests = events.filter((e) => e.type === 'request')
    expect(requests).toEqual([expect.objectContaining({status: 200, upstream: 'only', fallbacks: 0})])
  })

  it('is passed on as Retry-After when the wait does not fit, and the upstream is busy, not down', async () => {
    const s = await sim(loadingOnce)
    const r = await router({
      upstreams: [{name: 'only', url: s.baseUrl, models: ['m']}],
      settings: {firstByteTimeoutMs: 500},
    })
    const res = await post(r)
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('1')
    expect(((await res.json()) as {error: {message: string}}).error.message).toContain('only: HTTP 503: Loading model')
    const health = await healthOf(r)
    expect(health).toMatchObject({status: 'ok', upstreams: [{state: 'up', failures: 0}]})
    expect(health.upstreams[0]?.busyForMs).toBeGreaterThan(0)
  })

  it('is skipped for another upstream serving the same model, without waiting', async () => {
    const loading = await sim(loadingOnce)
    const ready = await sim()
    const r = await router({
      upstreams: [
        {name: 'loading', url: loading.baseUrl, models: ['m']},
        {name: 'ready', url: ready.baseUrl, models: ['m']},
      ],
      routes: [{match: {model: '*'}, to: 'loading/m', fallback: ['ready/m']}],
    })
    const started = performance.now()
    expect((await post(r)).status).toBe(200)
    expect(performance.now() - started).toBeLessThan(900)
    expect([served(loading), served(ready)]).toEqual([0, 1])
  })
})

describe('down, half-open and back', () => {
  it('goes down after failuresToDown failures in a row, answers 503 with Retry-After, and one trial brings it back', async () => {
    const s = await sim({
      mode: 'match',
      rules: [{reply: {error: {status: 500, message: 'engine crashed'}}, times: 3}, {reply: {content: 'back'}}],
    })
    const r = await router({
      upstreams: [{name: 'only', url: s.baseUrl, models: ['m']}],
      settings: {healthIntervalMs: 60_000, halfOpenAfterMs: 300},
    })
    for (const failures of [1, 2]) {
      expect((await post(r)).status).toBe(503)
      expect((await healthOf(r)).upstreams[0]).toMatchObject({state: 'up', failures})
    }
    expect((await post(r)).status).toBe(503)
    expect(await healthOf(r)).toMatchObject({http: 503, status: 'down', upstreams: [{state: 'down', failures: 3}]})
    // Down: refused at once, without bothering the engine, with the time until the trial.
    const refused = await post(r)
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toBe('1')
    expect(((await refused.json()) as {error: {message: string}}).error.message).toMatch(/only: down \(HTTP 500/)
    expect(served(s)).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 350))
    const trial = await post(r)
    expect(trial.status).toBe(200)
    expect(await healthOf(r)).toMatchObject({http: 200, status: 'ok', upstreams: [{state: 'up', failures: 0}]})
  })

  it('/health is degraded while some upstream is down, and 503 down when none can serve', async () => {
    const a = await sim()
    const b = await sim()
    const r = await router({
      upstreams: [
        {name: 'a', url: a.baseUrl, models: ['m']},
        {name: 'b', url: b.baseUrl, models: ['m']},
      ],
      settings: {healthIntervalMs: 60_000},
    })
    expect(await healthOf(r)).toMatchObject({http: 200, status: 'ok'})
    await a.close()
    await r.checkHealth()
    expect(await healthOf(r)).toMatchObject({
      http: 200,
      status: 'degraded',
      upstreams: [{state: 'down'}, {state: 'up'}],
    })
    await b.close()
    await r.checkHealth()
    expect(await healthOf(r)).toMatchObject({http: 503, status: 'down'})
  })
})
