import {setTimeout as delay} from 'node:timers/promises'
import {httpGet} from '../util/http-probe.js'
import type {SelectedServer} from './config.js'
import {engineMetrics, tokensPerSecond} from './metrics.js'
import type {Runner} from './runner.js'
import {activeCommand} from './service-control.js'

// `oac engine status`: service state, health, served model and context, and load from the engine's /metrics.

export interface ServerStatus {
  name: string
  engine: string
  service: string
  active: boolean
  healthy: boolean
  url: string
  model?: string
  context: number
  running?: number
  waiting?: number
  tokensPerSecond?: number
}

async function servedModel(baseUrl: string): Promise<{id?: string; context?: number}> {
  const res = await httpGet(`${baseUrl}/models`)
  if (res?.status !== 200) return {}
  try {
    const first = (JSON.parse(res.text) as {data?: {id?: string; max_model_len?: number}[]}).data?.[0]
    return {...(first?.id ? {id: first.id} : {}), ...(first?.max_model_len ? {context: first.max_model_len} : {})}
  } catch {
    return {}
  }
}

async function metricsOf(baseUrl: string) {
  const res = await httpGet(`${baseUrl.replace(/\/v1$/, '')}/metrics`)
  return res?.status === 200 ? engineMetrics(res.text) : undefined
}

export async function serverStatus(
  {config, server}: SelectedServer,
  runner: Runner,
  intervalMs = 1000,
): Promise<ServerStatus> {
  const [active, health, model, first] = await Promise.all([
    runner.answers(activeCommand(server)),
    httpGet(server.healthUrl, 3000),
    servedModel(server.baseUrl),
    metricsOf(server.baseUrl),
  ])
  const out: ServerStatus = {
    name: server.name,
    engine: config.engine,
    service: server.service.name,
    active,
    healthy: health?.status === 200,
    url: server.baseUrl,
    model: model.id ?? server.servedName,
    context: model.context ?? server.context,
  }
  if (first) {
    if (first.running !== undefined) out.running = first.running
    if (first.waiting !== undefined) out.waiting = first.waiting
    if (intervalMs > 0) {
      await delay(intervalMs)
      const second = await metricsOf(server.baseUrl)
      const rate = second ? tokensPerSecond(first, second, intervalMs / 1000) : undefined
      if (rate !== undefined) out.tokensPerSecond = Math.round(rate * 10) / 10
    }
  }
  return out
}

export function renderStatus(rows: ServerStatus[]): string {
  if (!rows.length) return 'no provisioned engines: run oac setup --profile P'
  const header = ['NAME', 'SERVICE', 'HEALTH', 'MODEL', 'CONTEXT', 'RUNNING', 'WAITING', 'TOK/S', 'URL']
  const table = rows.map((r) => [
    r.name,
    r.active ? 'active' : 'inactive',
    r.healthy ? 'healthy' : 'down',
    r.model ?? '-',
    String(r.context),
    r.running === undefined ? '-' : String(r.running),
    r.waiting === undefined ? '-' : String(r.waiting),
    r.tokensPerSecond === undefined ? '-' : String(r.tokensPerSecond),
    r.url,
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]?.length ?? 0)))
  return [header, ...table]
    .map((row) =>
      row
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}
