import {describe, expect, it} from 'vitest'
import type {RoutingConfig} from '../../src/routing/config.js'
import type {RouterCosts} from '../../src/routing/cost/router-costs.js'
import {LiveStats} from '../../src/routing/router/live-stats.js'
import type {RequestRecord} from '../../src/routing/router/request-record.js'
import type {UpstreamPool} from '../../src/routing/router/upstream-pool.js'

const request = (ttftMs: number): RequestRecord => ({
  api: 'chat',
  model: 'm',
  upstream: 'local',
  upstreamModel: 'm',
  fallbacks: 0,
  bytes: 10,
  kind: 'local',
  ttftMs,
  outputTokens: 4,
})

/** Samples a series holds: what a router nobody watches keeps in memory. */
const held = (stats: LiveStats) =>
  [...(stats as unknown as {series: Map<string, {recent: unknown[]; ttft: unknown[]}>}).series.values()].reduce(
    (n, s) => n + s.recent.length + s.ttft.length,
    0,
  )

const snapshotAt = (stats: LiveStats, now: number) =>
  stats.snapshot(
    {upstreams: []} as unknown as RoutingConfig,
    {all: () => []} as unknown as UpstreamPool,
    {power: {latest: {}}, ledger: {spendOf: () => ({})}} as unknown as RouterCosts,
    now,
  )

describe('the live figures of the router', () => {
  it('keeps a bounded number of samples when nobody reads the dashboard or /metrics', () => {
    const stats = new LiveStats()
    // An hour at 50 requests a second, never snapshotted.
    for (let i = 0; i < 180_000; i++) stats.record(request(100), 200, i * 20)
    // The rate window holds 10 s (500 requests); the TTFT list at most twice its cap of 2,000.
    expect(held(stats)).toBeLessThanOrEqual(501 + 4_000)
  })

  it('still reports the rate over the last 10 s and TTFT over the newest 2,000 samples', () => {
    const stats = new LiveStats()
    for (let i = 0; i < 5_000; i++) stats.record(request(i < 3_000 ? 1_000 : 10), 200, i * 20)
    const [row] = snapshotAt(stats, 5_000 * 20).models
    expect(row?.requests).toBe(5_000)
    // 500 requests of 4 tokens ended in the last 10 s.
    expect(row?.outputTokPerS).toBeCloseTo(200, 0)
    // The newest 2,000 samples all took 10 ms; the 1,000 ms ones are older than that.
    expect(row?.ttftP99Ms).toBe(10)
  })
})
