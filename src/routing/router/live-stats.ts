import type {RoutingConfig} from '../config.js'
import {dayKey, monthKey} from '../cost/budget.js'
import type {GpuState} from '../cost/power-feed.js'
import type {RouterCosts} from '../cost/router-costs.js'
import type {RequestOutcome, RequestRecord} from './request-record.js'
import type {UpstreamPool} from './upstream-pool.js'

// What the dashboard shows and /metrics counts per upstream and model: requests, errors, fallbacks, output tokens
// (tok/s over the last 10 s), TTFT percentiles over the last 5 minutes; per upstream running and queued requests;
// the GPUs' latest reading; cloud spend today against each budget; local energy. Updated once per closed request.

const RATE_WINDOW_MS = 10_000
const TTFT_WINDOW_MS = 5 * 60_000
/** TTFT samples kept per series: the newest, within the window. */
const TTFT_KEEP = 2_000

interface Series {
  upstream: string
  model: string
  requests: number
  errors: number
  fallbacks: number
  outputTokens: number
  /** [time ms, output tokens] of requests that ended in the rate window. */
  recent: [number, number][]
  /** [time ms, ttft ms], newest last. */
  ttft: [number, number][]
}

export interface ModelRow {
  upstream: string
  model: string
  requests: number
  errors: number
  fallbacks: number
  outputTokens: number
  outputTokPerS: number
  ttftP50Ms: number | null
  ttftP99Ms: number | null
}

export interface DashboardSnapshot {
  at: string
  models: ModelRow[]
  upstreams: {name: string; kind: string; up: boolean; running: number; queued: number}[]
  gpus: GpuState
  cloud: {upstream: string; todayUsd: number; dailyUsd: number | null; monthUsd: number; monthlyUsd: number | null}[]
  localEnergyWh: number
  localEnergyEstimated: boolean
}

/** Drops the entries stamped before `since` from a list in time order (one splice, not a shift per entry). */
function trimOlder(list: [number, number][], since: number): void {
  let n = 0
  while (n < list.length && (list[n] as [number, number])[0] < since) n++
  if (n) list.splice(0, n)
}

const quantile = (sorted: number[], q: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number) : null

export class LiveStats {
  private readonly series = new Map<string, Series>()
  private localEnergyWh = 0
  private localEnergyEstimated = false

  /** A closed request that reached an upstream (router refusals have no upstream and count in /metrics only). */
  record(r: RequestRecord, status: RequestOutcome, now = performance.now()): void {
    if (!r.upstream) return
    const key = `${r.upstream}\u0000${r.upstreamModel ?? ''}`
    let s = this.series.get(key)
    if (!s) {
      s = {
        upstream: r.upstream,
        model: r.upstreamModel ?? '',
        requests: 0,
        errors: 0,
        fallbacks: 0,
        outputTokens: 0,
        recent: [],
        ttft: [],
      }
      this.series.set(key, s)
    }
    s.requests++
    if (status === 'broken' || (typeof status === 'number' && status >= 400)) s.errors++
    if (r.fallbacks > 0 || r.detoured) s.fallbacks++
    const out = r.outputTokens ?? 0
    s.outputTokens += out
    s.recent.push([now, out])
    if (r.ttftMs !== undefined) s.ttft.push([now, r.ttftMs])
    // Trimmed here as well as in snapshot(): a router nobody watches (no dashboard, no /metrics scraper) must not
    // keep every request it ever served. The TTFT list is cut back to TTFT_KEEP only once it holds twice that, so
    // the copy is paid once per TTFT_KEEP requests, not on each one.
    trimOlder(s.recent, now - RATE_WINDOW_MS)
    if (s.ttft.length > 2 * TTFT_KEEP) s.ttft.splice(0, s.ttft.length - TTFT_KEEP)
    if (r.kind === 'local' && r.energyWh !== undefined) {
      this.localEnergyWh += r.energyWh
      this.localEnergyEstimated ||= r.energyEstimated === true
    }
  }

  snapshot(config: RoutingConfig, pool: UpstreamPool, costs: RouterCosts, now = performance.now()): DashboardSnapshot {
    const models: ModelRow[] = []
    for (const s of this.series.values()) {
      trimOlder(s.recent, now - RATE_WINDOW_MS)
      trimOlder(s.ttft, now - TTFT_WINDOW_MS)
      const ttft = s.ttft
        .slice(-TTFT_KEEP)
        .map(([, ms]) => ms)
        .sort((a, b) => a - b)
      const tokens = s.recent.reduce((a, [, n]) => a + n, 0)
      const {recent: _r, ttft: _t, ...counts} = s
      models.push({
        ...counts,
        outputTokPerS: tokens / (RATE_WINDOW_MS / 1000),
        ttftP50Ms: quantile(ttft, 0.5),
        ttftP99Ms: quantile(ttft, 0.99),
      })
    }
    const wall = new Date()
    return {
      at: wall.toISOString(),
      models,
      upstreams: pool
        .all()
        .map((u) => ({name: u.name, kind: u.config.kind, up: u.up, running: u.inflight, queued: u.queued})),
      gpus: costs.power.latest,
      cloud: config.upstreams
        .filter((u) => u.kind !== 'local')
        .map((u) => {
          const spend = costs.ledger.spendOf(u.name, wall)
          return {
            upstream: u.name,
            todayUsd: spend.day === dayKey(wall) ? spend.dayUsd : 0,
            dailyUsd: u.budget?.dailyUsd ?? null,
            monthUsd: spend.month === monthKey(wall) ? spend.monthUsd : 0,
            monthlyUsd: u.budget?.monthlyUsd ?? null,
          }
        }),
      localEnergyWh: this.localEnergyWh,
      localEnergyEstimated: this.localEnergyEstimated,
    }
  }
}
