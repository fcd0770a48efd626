import type {LedgerRow} from '../../store/cost-ledger-store.js'
import {isCloud, type UpstreamConfig} from '../config.js'
import {priceOf} from './price-table.js'
import {costUsd, type TokenUsage} from './token-usage.js'

// One finished request as a ledger row: a cloud request costs its tokens at its upstream's price; a local one the
// electricity of its share of the GPUs' energy. Pure: the caller brings the clock, the tokens and the energy.

export interface FinishedRequest {
  /** Wall-clock time it arrived. */
  at: Date
  api: string
  model: string
  upstream?: UpstreamConfig
  upstreamModel?: string
  status: number | string
  usage?: TokenUsage
  energy?: {wh: number; estimated: boolean}
  ttftMs?: number
  durationMs: number
  why?: string
}

const NO_TOKENS: TokenUsage = {input: 0, cachedInput: 0, cacheWrite: 0, output: 0, estimated: false}

export function ledgerRow(r: FinishedRequest, electricityUsdPerKwh: number): LedgerRow {
  const u = r.usage ?? NO_TOKENS
  const up = r.upstream
  let cost: number | undefined
  if (up && isCloud(up) && r.upstreamModel !== undefined) {
    const price = priceOf(up.prices, r.upstreamModel)
    if (price) cost = costUsd(u, price)
  } else if (r.energy) cost = (r.energy.wh / 1000) * electricityUsdPerKwh
  return {
    at: r.at.toISOString(),
    api: r.api,
    model: r.model,
    ...(up ? {upstream: up.name} : {}),
    ...(r.upstreamModel !== undefined ? {upstreamModel: r.upstreamModel} : {}),
    kind: up?.kind ?? 'none',
    status: String(r.status),
    inputTokens: u.input,
    cachedTokens: u.cachedInput,
    cacheWriteTokens: u.cacheWrite,
    outputTokens: u.output,
    tokensEstimated: u.estimated,
    ...(cost !== undefined ? {costUsd: cost} : {}),
    ...(r.energy ? {energyWh: r.energy.wh} : {}),
    energyEstimated: r.energy?.estimated ?? false,
    ...(r.ttftMs !== undefined ? {ttftMs: r.ttftMs} : {}),
    durationMs: r.durationMs,
    ...(r.why !== undefined ? {route: r.why} : {}),
  }
}
