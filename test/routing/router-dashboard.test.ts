import {request} from 'node:http'
import {type Browser, chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import type {GpuReading} from '../../src/hardware/gpu-sampler.js'
import {routingConfigSchema} from '../../src/routing/config.js'
import {type RunningRouter, startRouter} from '../../src/routing/router/server.js'

// /dashboard in Chromium during a load run: the figures the page shows match /metrics within one refresh, and once
// the load stops they match exactly. GPUs come from a fake sampler (the hardware module's boundary). Screenshots at
// 1280 and 390 px go to /tmp for the closing note. CI installs chromium; it is never downloaded.

const executablePath = process.env.OAC_CHROMIUM || '/usr/bin/chromium'
const KEY_ENV = 'OAC_TEST_DASHBOARD_KEY'
const gpus: GpuReading = {
  ok: true,
  tool: 'fake sampler',
  gpus: [
    {
      index: 0,
      name: 'RTX 5090',
      utilizationPct: 91,
      memoryUsedMiB: 28000,
      memoryTotalMiB: 32607,
      powerW: 455.5,
      temperatureC: 71,
    },
    {
      index: 1,
      name: 'RTX 5090',
      utilizationPct: 88,
      memoryUsedMiB: 27000,
      memoryTotalMiB: 32607,
      powerW: 430.25,
      temperatureC: 69,
    },
  ],
}

let local: RunningSim
let cloud: RunningSim
let router: RunningRouter
let browser: Browser
beforeAll(async () => {
  process.env[KEY_ENV] = 'sk-dashboard-test-key'
  local = await startSim({port: 0, ttftMs: 20, itlMs: 5, models: ['qwen3-coder'], defaultMaxTokens: 30})
  cloud = await startSim({port: 0, ttftMs: 5, itlMs: 1, apiKey: 'sk-dashboard-test-key', models: ['claude-haiku-4-5']})
  const config = routingConfigSchema.parse({
    upstreams: [
      {name: 'local', url: local.baseUrl, models: ['qwen3-coder'], maxConcurrent: 2},
      {
        name: 'cloud',
        kind: 'anthropic',
        url: cloud.url,
        apiKeyEnv: KEY_ENV,
        models: ['claude-haiku-4-5'],
        budget: {dailyUsd: 5},
      },
    ],
    routes: [
      {match: {model: '*', class: 'complex'}, to: 'cloud/claude-haiku-4-5', fallback: ['local/qwen3-coder']},
      {match: {model: '*'}, to: 'local/qwen3-coder'},
    ],
  })
  router = await startRouter({
    config,
    host: '127.0.0.1',
    port: 0,
    allowCloud: () => true,
    ledgerFile: `${process.env.OAC_HOME}/oac.db`,
    sampler: async () => gpus,
  })
  browser = await chromium.launch({executablePath, headless: true})
})
afterAll(async () => {
  await browser?.close()
  await router?.close()
  await local?.close()
  await cloud?.close()
  delete process.env[KEY_ENV]
})

async function send(taskClass?: string): Promise<void> {
  await fetch(`${router.url}/v1/messages`, {
    method: 'POST',
    headers: {'content-type': 'application/json', ...(taskClass ? {'x-oac-class': taskClass} : {})},
    body: JSON.stringify({model: 'claude-x', max_tokens: 30, stream: true, messages: [{role: 'user', content: 'hi'}]}),
  }).then((r) => r.text())
}

/** Figures of /metrics by family and labels, `family{a="x",b="y"}` as written. */
async function metrics(): Promise<Map<string, number>> {
  const text = await (await fetch(`${router.url}/metrics`)).text()
  const out = new Map<string, number>()
  for (const line of text.split('\n')) {
    const m = /^(\w+(?:\{[^}]*\})?) (\S+)$/.exec(line)
    if (m) out.set(m[1] as string, Number(m[2]))
  }
  return out
}

/** Waits for the page's next snapshot and reads its tables. */
async function nextRefresh(page: Page): Promise<Record<string, string>> {
  const before = await page.evaluate(() => document.body.dataset.at ?? '')
  await page.waitForFunction((b) => (document.body.dataset.at ?? '') !== b, before, {timeout: 10_000})
  return page.evaluate(() => {
    const out: Record<string, string> = {}
    for (const td of document.querySelectorAll<HTMLElement>('tr[data-key] td[data-field]')) {
      const table = td.closest('table')?.id
      out[`${table}:${(td.parentElement as HTMLElement).dataset.key}:${td.dataset.field}`] = td.textContent ?? ''
    }
    out.energy = document.getElementById('energy')?.textContent ?? ''
    return out
  })
}

const series = (family: string, upstream: string, model: string) => `${family}{upstream="${upstream}",model="${model}"}`

describe('/dashboard', () => {
  it('shows what /metrics counts, within one refresh during load and exactly after', async () => {
    let running = true
    const load = (async () => {
      let i = 0
      while (running) await Promise.all([send(), send(), send(), i++ % 3 === 0 ? send('complex') : send()])
    })()
    const page = await browser.newPage({viewport: {width: 1280, height: 900}})
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${router.url}/dashboard`)
    await nextRefresh(page)
    await nextRefresh(page)

    const requests = series('oac_router_model_requests_total', 'local', 'qwen3-coder')
    const tokens = series('oac_router_output_tokens_total', 'local', 'qwen3-coder')
    const m0 = await metrics()
    const shown = await nextRefresh(page)
    const m1 = await metrics()
    const shownRequests = Number(shown['models:local/qwen3-coder:requests'])
    expect(shownRequests).toBeGreaterThan(0)
    expect(shownRequests).toBeGreaterThanOrEqual(m0.get(requests) as number)
    expect(shownRequests).toBeLessThanOrEqual(m1.get(requests) as number)
    expect(Number(shown['models:local/qwen3-coder:tokps'])).toBeGreaterThan(0)
    await page.screenshot({path: '/tmp/oac-dashboard-1280.png', fullPage: true})

    running = false
    await load
    await nextRefresh(page)
    const after = await nextRefresh(page)
    const m = await metrics()
    for (const [upstream, model] of [
      ['local', 'qwen3-coder'],
      ['cloud', 'claude-haiku-4-5'],
    ] as const) {
      const key = `models:${upstream}/${model}`
      expect(Number(after[`${key}:requests`])).toBe(m.get(series('oac_router_model_requests_total', upstream, model)))
      expect(Number(after[`${key}:errors`])).toBe(m.get(series('oac_router_model_errors_total', upstream, model)))
      expect(Number(after[`${key}:detours`])).toBe(m.get(series('oac_router_model_detours_total', upstream, model)))
    }
    expect(m.get(tokens)).toBeGreaterThan(0)
    expect(after['upstreams:local:running']).toBe(String(m.get('oac_router_inflight{upstream="local"}')))
    expect(after['upstreams:local:queued']).toBe(String(m.get('oac_router_queued{upstream="local"}')))
    const spend = m.get('oac_router_cloud_spend_usd{upstream="cloud",period="day"}') as number
    expect(spend).toBeGreaterThan(0)
    expect(after['cloud:cloud:today']).toBe(`$${spend.toFixed(4)}`)
    expect(after['cloud:cloud:daily']).toBe('$5.00')
    expect(after['gpus:0:power']).toBe(String(m.get('oac_gpu_power_watts{gpu="0",name="RTX 5090"}')))
    expect(after['gpus:1:util']).toBe('88')
    const energy = m.get('oac_router_local_energy_wh_total') as number
    expect(energy).toBeGreaterThan(0)
    expect(after.energy).toBe(energy.toFixed(4))
    expect(errors).toEqual([])

    const phone = await browser.newPage({viewport: {width: 390, height: 844}, deviceScaleFactor: 2})
    await phone.goto(`${router.url}/dashboard`)
    await nextRefresh(phone)
    // Readable on a phone: nothing wider than the screen but the tables' own scrolling boxes.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await phone.screenshot({path: '/tmp/oac-dashboard-390.png', fullPage: true})
  })

  it('is served to loopback Host names only', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(`${router.url}/dashboard`)
      request({host: u.hostname, port: u.port, path: u.pathname, headers: {host: 'attacker.example'}}, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
        .on('error', reject)
        .end()
    })
    expect(status).toBe(403)
  })
})
