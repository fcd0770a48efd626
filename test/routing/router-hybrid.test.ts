import {randomBytes} from 'node:crypto'
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import Anthropic from '@anthropic-ai/sdk'
import Database from 'better-sqlite3'
import OpenAI from 'openai'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {type RoutingConfig, routingConfigSchema} from '../../src/routing/config.js'
import {type RouterEvent, type RunningRouter, startRouter} from '../../src/routing/router/server.js'

// Hybrid routes against a "cloud": an `oac sim` on loopback that requires an API key and speaks Anthropic Messages,
// Chat Completions and Responses natively, next to a local sim that the router reaches in Chat Completions only.
// The official SDKs go through, streamed and not; overflow, fallback, the budget cap and allowCloud are each seen
// in who answered (x-oac-upstream, the sims' own request logs), the log line and the ledger's rows.

const KEY = `sk-ant-oac-test-${randomBytes(12).toString('hex')}`
const KEY_ENV = 'OAC_TEST_CLOUD_KEY'
const LEDGER = join(process.env.OAC_HOME as string, 'ledger.db')
const BIG = 'Explain this code. '.repeat(200)

let local: RunningSim
let cloud: RunningSim
const cloudSeen: string[] = []
const localSeen: string[] = []

function config(): RoutingConfig {
  const cloudUpstream = {kind: 'anthropic', url: cloud.url, apiKeyEnv: KEY_ENV, models: ['claude-sonnet-4-5']}
  return routingConfigSchema.parse({
    upstreams: [
      {name: 'local', url: local.baseUrl, models: ['qwen3-coder'], contextLength: 512},
      {name: 'dead', url: 'http://127.0.0.1:9/v1', models: ['qwen3-coder']},
      {name: 'cloud', ...cloudUpstream},
      {name: 'capped', ...cloudUpstream, budget: {dailyUsd: 0.0005}},
      {name: 'strict', ...cloudUpstream, budget: {dailyUsd: 0.0005, onCap: 'refuse'}},
      {name: 'gone', ...cloudUpstream, url: 'http://127.0.0.1:9'},
      {name: 'oai', kind: 'openai', url: cloud.baseUrl, apiKeyEnv: KEY_ENV, models: ['gpt-5.4-mini']},
    ],
    routes: [
      {match: {model: '*', class: 'down'}, to: 'dead/qwen3-coder', overflow: ['cloud/claude-sonnet-4-5']},
      {match: {model: '*', class: 'gone'}, to: 'gone/claude-sonnet-4-5', fallback: ['local/qwen3-coder']},
      {match: {model: '*', class: 'capped'}, to: 'capped/claude-sonnet-4-5', fallback: ['local/qwen3-coder']},
      {match: {model: '*', class: 'strict'}, to: 'strict/claude-sonnet-4-5', fallback: ['local/qwen3-coder']},
      {match: {model: 'claude-*'}, to: 'local/qwen3-coder', overflow: ['cloud/claude-sonnet-4-5']},
      {match: {model: 'gpt-*'}, to: 'local/qwen3-coder', overflow: ['oai/gpt-5.4-mini']},
    ],
    settings: {healthIntervalMs: 60_000},
  })
}

const events: RouterEvent[] = []
async function router(allowCloud: boolean): Promise<RunningRouter> {
  return startRouter({
    config: config(),
    host: '127.0.0.1',
    port: 0,
    allowCloud: () => allowCloud,
    ledgerFile: LEDGER,
    onEvent: (e) => events.push(e),
  })
}

let hybrid: RunningRouter
beforeAll(async () => {
  process.env[KEY_ENV] = KEY
  const sims = {port: 0, ttftMs: 1, itlMs: 0, defaultMaxTokens: 40}
  local = await startSim({...sims, models: ['qwen3-coder'], context: 512})
  cloud = await startSim({...sims, apiKey: KEY, models: ['claude-sonnet-4-5', 'gpt-5.4-mini']})
  local.engine.requestLog = (e) => void localSeen.push(`${e.route} ${e.model}`)
  cloud.engine.requestLog = (e) => void cloudSeen.push(`${e.route} ${e.model}`)
  hybrid = await router(true)
})
afterAll(async () => {
  await hybrid?.close()
  await local?.close()
  await cloud?.close()
  delete process.env[KEY_ENV]
})

const anthropic = (r: RunningRouter, taskClass?: string) =>
  new Anthropic({
    baseURL: r.url,
    apiKey: 'client-key',
    maxRetries: 0,
    ...(taskClass ? {defaultHeaders: {'x-oac-class': taskClass}} : {}),
  })
const openai = (r: RunningRouter) => new OpenAI({baseURL: r.baseUrl, apiKey: 'client-key', maxRetries: 0})
const ask = (text: string) => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 40,
  messages: [{role: 'user' as const, content: text}],
})
const lastEvent = () => events.filter((e) => e.type === 'request').at(-1) as Extract<RouterEvent, {type: 'request'}>

/** Sends one Messages request and returns who answered and what the client got. */
async function viaMessages(r: RunningRouter, taskClass: string | undefined, text = 'hello') {
  const {data, response} = await anthropic(r, taskClass).messages.create(ask(text)).withResponse()
  return {upstream: response.headers.get('x-oac-upstream'), data}
}

describe('hybrid routes', () => {
  it('prefers local: a short Messages request is translated to the local engine', async () => {
    cloudSeen.length = 0
    const {upstream, data} = await viaMessages(hybrid, undefined)
    expect(upstream).toBe('local/qwen3-coder')
    expect(data.content[0]?.type).toBe('text')
    expect(cloudSeen).toEqual([])
    expect(localSeen.at(-1)).toBe('/v1/chat/completions qwen3-coder')
  })

  it('overflows to the cloud when the prompt is over the local context, passing Messages through', async () => {
    cloudSeen.length = 0
    const {upstream, data} = await viaMessages(hybrid, undefined, BIG)
    expect(upstream).toBe('cloud/claude-sonnet-4-5')
    expect(data.usage.input_tokens).toBeGreaterThan(512)
    expect(cloudSeen).toEqual(['/v1/messages claude-sonnet-4-5'])
    expect(lastEvent().why).toMatch(/local: prompt of ~\d+ tokens is over its context of 512; overflow$/)
  })

  it('overflows to the cloud when the local engine is down', async () => {
    const {upstream} = await viaMessages(hybrid, 'down')
    expect(upstream).toBe('cloud/claude-sonnet-4-5')
    expect(lastEvent().why).toMatch(/dead: .*ECONNREFUSED.*; overflow$/)
  })

  it('falls back to local when the cloud fails', async () => {
    const {upstream} = await viaMessages(hybrid, 'gone')
    expect(upstream).toBe('local/qwen3-coder')
    expect(lastEvent().why).toMatch(/gone: .*ECONNREFUSED/)
  })

  it('takes the official SDKs through overflow to the cloud, streamed and not, in each API natively', async () => {
    cloudSeen.length = 0
    const stream = anthropic(hybrid).messages.stream(ask(BIG))
    const streamed = await stream.finalMessage()
    expect(streamed.content[0]?.type).toBe('text')
    expect(streamed.usage.output_tokens).toBeGreaterThan(0)
    const oa = openai(hybrid)
    const chat = await oa.chat.completions.create({model: 'gpt-x', messages: [{role: 'user', content: BIG}]})
    expect(chat.choices[0]?.message.content).toBeTruthy()
    const chatStream = await oa.chat.completions
      .stream({model: 'gpt-x', messages: [{role: 'user', content: BIG}]})
      .finalMessage()
    expect(chatStream.content).toBeTruthy()
    const resp = await oa.responses.create({model: 'gpt-x', input: BIG})
    expect(resp.output_text).toBeTruthy()
    const respStream = oa.responses.stream({model: 'gpt-x', input: BIG})
    const types: string[] = []
    for await (const e of respStream) types.push(e.type)
    // The sim's reply stops at its 40-token default: the cloud's own event for a reply cut at its budget.
    expect(types.at(-1)).toBe('response.incomplete')
    expect(cloudSeen).toEqual([
      '/v1/messages claude-sonnet-4-5',
      '/v1/chat/completions gpt-5.4-mini',
      '/v1/chat/completions gpt-5.4-mini',
      '/v1/responses gpt-5.4-mini',
      '/v1/responses gpt-5.4-mini',
    ])
  })

  it('keeps within the daily budget: past the cap the route falls back to local, or refuses by policy', async () => {
    expect((await viaMessages(hybrid, 'capped')).upstream).toBe('capped/claude-sonnet-4-5')
    await new Promise((r) => setTimeout(r, 50))
    expect((await viaMessages(hybrid, 'capped')).upstream).toBe('local/qwen3-coder')
    expect(lastEvent().why).toMatch(/the daily cloud budget of \$0\.00 for upstream `capped` is spent/)

    expect((await viaMessages(hybrid, 'strict')).upstream).toBe('strict/claude-sonnet-4-5')
    await new Promise((r) => setTimeout(r, 50))
    const refused = await viaMessages(hybrid, 'strict').catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(Anthropic.APIError)
    expect((refused as InstanceType<typeof Anthropic.APIError>).status).toBe(403)
    expect((refused as Error).message).toMatch(/daily cloud budget .* `strict` is spent .* resets/)
  })

  it('keeps the spend across a restart (the ledger is read back at start)', async () => {
    await hybrid.close()
    hybrid = await router(true)
    expect((await viaMessages(hybrid, 'capped')).upstream).toBe('local/qwen3-coder')
  })

  it('stores every request with its tokens and cost: cloud at its price, from the reply usage', async () => {
    await hybrid.close()
    hybrid = await router(true)
    const db = new Database(LEDGER, {readonly: true})
    const rows = db
      .prepare('SELECT upstream, kind, input_tokens, output_tokens, tokens_estimated, cost_usd, route FROM cost_ledger')
      .all() as {
      upstream: string
      kind: string
      cost_usd: number | null
      input_tokens: number
      tokens_estimated: number
      output_tokens: number
      route: string
    }[]
    db.close()
    const cloudRows = rows.filter((r) => r.kind !== 'local' && r.kind !== 'none')
    expect(cloudRows.length).toBeGreaterThanOrEqual(9)
    // The one reply without usage: a Chat Completions stream whose client did not ask for stream_options.include_usage.
    expect(cloudRows.filter((r) => r.tokens_estimated).map((r) => r.upstream)).toEqual(['oai'])
    for (const r of cloudRows) {
      expect(r.input_tokens).toBeGreaterThan(0)
      expect(r.cost_usd).toBeGreaterThan(0)
    }
    const sonnet = cloudRows.find((r) => r.upstream === 'cloud') as (typeof cloudRows)[number]
    // claude-sonnet-4-5 in the shipped table: $3 in, $15 out per million.
    expect(sonnet.cost_usd).toBeCloseTo((sonnet.input_tokens * 3 + sonnet.output_tokens * 15) / 1e6, 10)
    expect(rows.some((r) => r.kind === 'local')).toBe(true)
  })

  it('never writes the cloud key: not in a log line, a stored row, a file, a header or a metric', async () => {
    const seen: string[] = [JSON.stringify(events)]
    for (const path of ['/metrics', '/health', '/v1/models']) seen.push(await (await fetch(hybrid.url + path)).text())
    const res = await fetch(`${hybrid.url}/v1/messages`, {
      method: 'POST',
      headers: {'content-type': 'application/json', 'x-oac-class': 'down'},
      body: JSON.stringify(ask('hi')),
    })
    seen.push(JSON.stringify([...res.headers]), await res.text())
    await hybrid.close()
    hybrid = await router(true)
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]))
    for (const dir of [process.env.OAC_HOME, process.env.HOME] as string[])
      for (const f of files(dir)) seen.push(readFileSync(f).toString('latin1'))
    expect(seen.join('\n')).toContain('claude-sonnet-4-5')
    expect(seen.join('\n')).not.toContain(KEY)
  })
})

describe('allowCloud', () => {
  it('is off unless the user allows it: no request and no probe reaches the cloud', async () => {
    const off = await router(false)
    cloudSeen.length = 0
    try {
      const failed = await viaMessages(off, 'down').catch((e: unknown) => e)
      expect((failed as InstanceType<typeof Anthropic.APIError>).status).toBe(503)
      expect((failed as Error).message).toMatch(/cloud: cloud is off \(allowCloud is not set in your settings\)/)
      // Over the local context with the cloud off: the local engine's refusal, not the cloud's answer.
      const tooLong = await viaMessages(off, undefined, BIG).catch((e: unknown) => e)
      expect((tooLong as InstanceType<typeof Anthropic.APIError>).status).toBe(400)
    } finally {
      await off.close()
    }
    expect(cloudSeen).toEqual([])
  })
})
