import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import Anthropic from '@anthropic-ai/sdk'
import {afterEach, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {type RoutingConfig, routingConfigSchema} from '../../src/routing/config.js'
import {type RouterEvent, type RunningRouter, startRouter} from '../../src/routing/router/server.js'

// Routing, fallback, health, balancing, limits, disconnects, reloads and keys, each against real sims on loopback.

const open: {close(): Promise<void>}[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
})

async function sim(
  models: string[],
  extra: Parameters<typeof startSim>[0] = {},
  script?: Parameters<typeof startSim>[1],
) {
  const s = await startSim({port: 0, ttftMs: 1, itlMs: 0, models, ...extra}, script)
  open.push(s)
  return s
}

async function router(config: unknown, more: Partial<Parameters<typeof startRouter>[0]> = {}): Promise<RunningRouter> {
  const r = await startRouter({
    config: routingConfigSchema.parse(config) as RoutingConfig,
    host: '127.0.0.1',
    port: 0,
    ...more,
  })
  open.unshift(r)
  return r
}

const served = (s: RunningSim) => s.engine.metrics.ttft.count

async function chat(
  r: RunningRouter,
  model: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${r.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: {'content-type': 'application/json', ...headers},
    body: JSON.stringify({model, messages: [{role: 'user', content: 'hi'}], max_tokens: 3, ...extra}),
  })
  return {status: res.status, body: (await res.json()) as {model?: string; error?: {message: string}}}
}

async function health(r: RunningRouter) {
  return (
    (await (await fetch(`${r.url}/health`)).json()) as {
      upstreams: {name: string; up: boolean; state: string; failures: number; inflight: number}[]
    }
  ).upstreams
}

const until = async (check: () => boolean | Promise<boolean>, ms = 3000) => {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('routing', () => {
  it('routes by model glob, by tools and by prompt length', async () => {
    const big = await sim(['big'])
    const fast = await sim(['fast'])
    const long = await sim(['long'])
    const r = await router({
      upstreams: [
        {name: 'big', url: big.baseUrl, models: ['big']},
        {name: 'fast', url: fast.baseUrl, models: ['fast']},
        {name: 'long', url: long.baseUrl, models: ['long']},
      ],
      routes: [
        {match: {model: 'claude-*haiku*'}, to: 'fast/fast'},
        {match: {model: '*', minPromptTokens: 2000}, to: 'long'},
        {match: {model: '*', tools: false}, to: 'fast/fast'},
        {match: {model: '*'}, to: 'big/big'},
      ],
    })
    expect((await chat(r, 'claude-3-5-haiku-latest')).body.model).toBe('fast')
    const tools = [{type: 'function', function: {name: 'f', parameters: {type: 'object'}}}]
    expect((await chat(r, 'claude-opus', {tools})).body.model).toBe('big')
    expect((await chat(r, 'claude-opus')).body.model).toBe('fast')
    const longPrompt = {messages: [{role: 'user', content: 'word '.repeat(3000)}], tools}
    expect((await chat(r, 'claude-opus', longPrompt)).body.model).toBe('long')
    expect((await chat(r, 'big')).body.model).toBe('fast')
  })
})

describe('fallback and health', () => {
  it('falls back on a refused connection, a 5xx and a silent upstream; only the dead one goes down, and comes back', async () => {
    const primary = await sim(['m'])
    const silent = await sim(['m'], {}, {mode: 'match', rules: [{reply: {hang: true}}]})
    const failing = await sim(
      ['m'],
      {},
      {mode: 'match', rules: [{reply: {error: {status: 503, message: 'engine overloaded'}}}]},
    )
    const backup = await sim(['backup'])
    const r = await router({
      upstreams: [
        {name: 'primary', url: primary.baseUrl, models: ['m']},
        {name: 'silent', url: silent.baseUrl, models: ['m']},
        {name: 'failing', url: failing.baseUrl, models: ['m']},
        {name: 'backup', url: backup.baseUrl, models: ['backup']},
      ],
      routes: [{match: {model: '*'}, to: 'primary/m', fallback: ['silent/m', 'failing/m', 'backup/backup']}],
      settings: {firstByteTimeoutMs: 300, healthIntervalMs: 60_000, halfOpenAfterMs: 60_000},
    })
    expect((await chat(r, 'x')).body.model).toBe('m')
    const port = new URL(primary.url).port
    await primary.close()
    const during = await chat(r, 'x')
    expect(during.body.model).toBe('backup')
    expect(served(silent)).toBe(0)
    const metrics = await (await fetch(`${r.url}/metrics`)).text()
    expect(metrics).toContain('oac_router_fallbacks_total 1')
    expect(metrics).toMatch(/oac_router_upstream_errors_total\{upstream="primary",kind="connect"\} 1/)
    expect(metrics).toMatch(/oac_router_upstream_errors_total\{upstream="silent",kind="timeout"\} 1/)
    expect(metrics).toMatch(/oac_router_upstream_errors_total\{upstream="failing",kind="status"\} 1/)
    // The refused one is probed at once and its probe fails: down. The other two answer their health checks, so one
    // failed request each leaves them up (down takes failuresToDown = 3 in a row).
    await until(async () => (await health(r))[0]?.up === false)
    expect((await health(r)).map((u) => [u.name, u.state, u.failures])).toEqual([
      ['primary', 'down', 1],
      ['silent', 'up', 1],
      ['failing', 'up', 1],
      ['backup', 'up', 0],
    ])
    const back = await startSim({port: Number(port), ttftMs: 1, itlMs: 0, models: ['m']})
    open.push(back)
    await r.checkHealth()
    expect((await health(r))[0]).toMatchObject({name: 'primary', state: 'up', up: true})
    expect((await chat(r, 'x')).body.model).toBe('m')
    expect(served(back)).toBe(1)
  })

  it('answers 503 naming each upstream and why when all are down', async () => {
    const gone = await sim(['m'])
    const r = await router({
      upstreams: [{name: 'only', url: gone.baseUrl, models: ['m']}],
      settings: {healthIntervalMs: 60_000},
    })
    await gone.close()
    const first = await chat(r, 'm')
    expect(first.status).toBe(503)
    expect(first.body.error?.message).toMatch(/^no upstream could answer `m`: only: .*ECONNREFUSED/)
    expect((await chat(r, 'm')).body.error?.message).toMatch(/only: down \(.*ECONNREFUSED/)
  })
})

describe('balancing, limits and disconnects', () => {
  const slow = {ttftMs: 1, itlMs: 20}
  const stream = (r: RunningRouter, signal?: AbortSignal) =>
    fetch(`${r.baseUrl}/chat/completions`, {
      method: 'POST',
      signal,
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({model: 'm', messages: [{role: 'user', content: 'hi'}], max_tokens: 15, stream: true}),
    })

  it('spreads requests over replicas by least outstanding requests', async () => {
    const a = await sim(['m'], slow)
    const b = await sim(['m'], slow)
    const r = await router({
      upstreams: [
        {name: 'a', url: a.baseUrl, models: ['m']},
        {name: 'b', url: b.baseUrl, models: ['m']},
      ],
    })
    const replies = await Promise.all([1, 2, 3, 4].map(() => stream(r)))
    expect((await health(r)).map((u) => u.inflight)).toEqual([2, 2])
    await Promise.all(replies.map((res) => res.text()))
    expect([served(a), served(b)]).toEqual([2, 2])
  })

  it('queues requests past the concurrency limit', async () => {
    const a = await sim(['m'], slow)
    const r = await router({upstreams: [{name: 'a', url: a.baseUrl, models: ['m'], maxConcurrent: 1}]})
    const replies = [stream(r), stream(r), stream(r)]
    await until(() => served(a) === 1)
    expect(a.engine.scheduler.running).toBe(1)
    const texts = await Promise.all(replies.map(async (res) => (await res).text()))
    expect(texts.every((t) => t.endsWith('data: [DONE]\n\n'))).toBe(true)
    expect(served(a)).toBe(3)
  })

  it('aborts the upstream generation when the client goes away', async () => {
    const a = await sim(['m'], {ttftMs: 1, itlMs: 50})
    const r = await router({upstreams: [{name: 'a', url: a.baseUrl, models: ['m']}]})
    const controller = new AbortController()
    const res = await stream(r, controller.signal)
    const reader = res.body!.getReader()
    await reader.read()
    expect(a.engine.scheduler.running).toBe(1)
    controller.abort()
    await until(() => a.engine.scheduler.running === 0, 1000)
    await until(async () => (await health(r))[0]?.inflight === 0, 1000)
  })
})

describe('hot reload', () => {
  it('applies a good file, keeps the last good config on a bad one, and reloads on SIGHUP', async () => {
    const one = await sim(['one'])
    const two = await sim(['two'])
    const dir = mkdtempSync(join(tmpdir(), 'oac-router-'))
    const file = join(dir, 'routing.yaml')
    const yaml = (to: string) =>
      `upstreams:\n  - {name: one, url: "${one.baseUrl}", models: [one]}\n  - {name: two, url: "${two.baseUrl}", models: [two]}\nroutes:\n  - {match: {model: "*"}, to: ${to}}\n`
    writeFileSync(file, yaml('one/one'))
    const events: RouterEvent[] = []
    const {loadRoutingConfig} = await import('../../src/routing/config.js')
    const r = await router(loadRoutingConfig(file), {configFile: file, onEvent: (e) => events.push(e)})
    try {
      expect((await chat(r, 'any')).body.model).toBe('one')
      writeFileSync(file, yaml('two/two'))
      await until(() => events.some((e) => e.type === 'reload' && e.ok))
      expect((await chat(r, 'any')).body.model).toBe('two')
      writeFileSync(file, `${yaml('two/two')}  - {match: {model: 7}, to: two/two}\n`)
      await until(() => events.some((e) => e.type === 'reload' && !e.ok))
      const bad = events.find((e) => e.type === 'reload' && !e.ok)
      expect(bad && 'error' in bad && bad.error).toMatch(/routing\.yaml:6: `routes\.1\.match\.model`: .*string/)
      expect((await chat(r, 'any')).body.model).toBe('two')
      writeFileSync(file, yaml('one/one'))
      events.length = 0
      process.emit('SIGHUP')
      await until(() => events.some((e) => e.type === 'reload' && e.ok))
      expect((await chat(r, 'any')).body.model).toBe('one')
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})

describe('bad input', () => {
  it('answers an oversized body with a 413 in the client format', async () => {
    const a = await sim(['m'])
    const r = await router({upstreams: [{name: 'a', url: a.baseUrl, models: ['m']}], settings: {maxBodyBytes: 1000}})
    const res = await fetch(`${r.url}/v1/messages`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({model: 'm', max_tokens: 5, messages: [{role: 'user', content: 'x'.repeat(5000)}]}),
    })
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({type: 'error', error: {type: 'request_too_large'}})
    expect(served(a)).toBe(0)
  })
})

describe('API keys', () => {
  it('refuses a non-loopback bind without keys', async () => {
    await expect(
      startRouter({
        config: routingConfigSchema.parse({upstreams: [{name: 'a', url: 'http://127.0.0.1:9/v1', models: ['m']}]}),
        host: '0.0.0.0',
        port: 0,
      }),
    ).rejects.toThrow(/apiKeys/)
  })

  it('checks the key on every request, as Bearer or x-api-key, in the client format', async () => {
    const a = await sim(['m'])
    const events: RouterEvent[] = []
    const r = await router(
      {upstreams: [{name: 'a', url: a.baseUrl, models: ['m']}], settings: {apiKeys: ['sk-local-123456']}},
      {host: '0.0.0.0', onEvent: (e) => events.push(e)},
    )
    const none = await chat(r, 'm')
    expect(none.status).toBe(401)
    expect((await chat(r, 'm', {}, {authorization: 'Bearer wrong-key-0000'})).status).toBe(401)
    expect((await chat(r, 'm', {}, {authorization: 'Bearer sk-local-123456'})).body.model).toBe('m')
    const anthropic = new Anthropic({baseURL: r.url, apiKey: 'sk-local-123456'})
    const reply = await anthropic.messages.create({
      model: 'm',
      max_tokens: 3,
      messages: [{role: 'user', content: 'hi'}],
    })
    expect(reply.stop_reason).toBe('max_tokens')
    const denied = await new Anthropic({baseURL: r.url, apiKey: 'nope-nope-nope', maxRetries: 0}).models
      .list()
      .catch((e) => e)
    expect(denied).toBeInstanceOf(Anthropic.AuthenticationError)
    expect((await fetch(`${r.url}/health`)).status).toBe(401)
    expect(JSON.stringify(events)).not.toContain('sk-local')
  })
})
