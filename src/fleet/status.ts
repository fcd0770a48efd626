import {setTimeout as delay} from 'node:timers/promises'
import {type EngineMetrics, engineMetrics, tokensPerSecond} from '../provision/metrics.js'
import {httpGet} from '../util/http-probe.js'
import type {FleetHost} from './inventory.js'

// `oac fleet status`: every host's engine from the outside, as the router sees it: its OpenAI /v1/models (health and
// the served model) and its Prometheus /metrics (running and waiting requests, generated tokens), sampled twice.

export interface FleetHostStatus {
  host: string
  url: string
  healthy: boolean
  model?: string
  context?: number
  running?: number
  waiting?: number
  tokensPerSecond?: number
}

/** The OpenAI base URL of a host's engine. */
export const hostBaseUrl = (h: FleetHost) => `http://${h.ansible_host ?? h.name}:${h.oac_port}/v1`

async function models(baseUrl: string): Promise<{ok: boolean; id?: string; context?: number}> {
  const res = await httpGet(`${baseUrl}/models`, 3000)
  if (res?.status !== 200) return {ok: false}
  try {
    const first = (JSON.parse(res.text) as {data?: {id?: string; max_model_len?: number}[]}).data?.[0]
    return {
      ok: true,
      ...(first?.id ? {id: first.id} : {}),
      ...(first?.max_model_len ? {context: first.max_model_len} : {}),
    }
  } catch {
    return {ok: false}
  }
}

async function metrics(baseUrl: string): Promise<EngineMetrics | undefined> {
  const res = await httpGet(`${baseUrl.replace(/\/v1$/, '')}/metrics`, 3000)
  return res?.status === 200 ? engineMetrics(res.text) : undefined
}

async function hostStatus(host: FleetHost, intervalMs: number): Promise<FleetHostStatus> {
  const url = hostBaseUrl(host)
  const [served, first] = await Promise.all([models(url), metrics(url)])
  const out: FleetHostStatus = {host: host.name, url, healthy: served.ok}
  if (served.id) out.model = served.id
  if (served.context) out.context = served.context
  if (!first) return out
  if (first.running !== undefined) out.running = first.running
  if (first.waiting !== undefined) out.waiting = first.waiting
  if (intervalMs > 0) {
    await delay(intervalMs)
    const second = await metrics(url)
    const rate = second ? tokensPerSecond(first, second, intervalMs / 1000) : undefined
    if (rate !== undefined) out.tokensPerSecond = Math.round(rate * 10) / 10
  }
  return out
}

/** Every host at once, so one slow or dead host costs one timeout, not one per host. */
export function fleetStatus(hosts: FleetHost[], intervalMs = 1000): Promise<FleetHostStatus[]> {
  return Promise.all(hosts.map((h) => hostStatus(h, intervalMs)))
}

export function renderFleetStatus(rows: FleetHostStatus[]): string {
  const header = ['HOST', 'HEALTH', 'MODEL', 'CONTEXT', 'RUNNING', 'WAITING', 'TOK/S', 'URL']
  const dash = (v: number | undefined) => (v === undefined ? '-' : String(v))
  const table = rows.map((r) => [
    r.host,
    r.healthy ? 'healthy' : 'down',
    r.model ?? '-',
    dash(r.context),
    dash(r.running),
    dash(r.waiting),
    dash(r.tokensPerSecond),
    r.url,
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]?.length ?? 0)))
  const down = rows.filter((r) => !r.healthy).length
  return [
    ...[header, ...table].map((row) =>
      row
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    ),
    '',
    `${rows.length - down} of ${rows.length} hosts healthy${
      down
        ? `; down: ${rows
            .filter((r) => !r.healthy)
            .map((r) => r.host)
            .join(', ')}`
        : ''
    }`,
  ].join('\n')
}
