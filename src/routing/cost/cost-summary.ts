import type {LedgerTotals} from '../../store/cost-ledger-store.js'
import type {Price} from './price-table.js'
import {costUsd} from './token-usage.js'

// What the box cost and saved over a window of the ledger: local electricity, cloud dollars, what sending every
// request to one cloud model would have cost for the same tokens, and when the savings repay the hardware. Pure: the
// ledger's sums, the comparison price and the clock come from the caller (cost-report.ts).

export interface CostLine {
  upstream: string
  model: string
  requests: number
  inputTokens: number
  cachedTokens: number
  outputTokens: number
  costUsd: number
  /** Requests whose tokens the router counted itself (the reply had no usage). */
  estimatedTokens: number
}

export interface CostSummary {
  since: string
  until: string
  days: number
  local: {lines: CostLine[]; requests: number; energyWh: number; energyEstimated: boolean; electricityUsd: number}
  cloud: {lines: CostLine[]; requests: number; costUsd: number}
  /** The same tokens at `compareTo`'s price, local ones included (cloud ones at what they really cost). */
  allCloud: {model: string; usd: number}
  /** allCloud minus what local and cloud actually cost. */
  savedUsd: number
  savedPerMonthUsd: number
  hardware?: {costUsd: number; source: string}
  /** null: no saving to repay the hardware with; undefined: no hardware cost known. */
  breakEven?: {months: number; month: string} | null
}

export interface SummaryInput {
  totals: LedgerTotals[]
  since: Date
  now: Date
  compareTo: {model: string; price: Price}
  hardware?: {costUsd: number; source: string}
  /** When the ledger's first row was written (the payback clock starts there). */
  firstEver?: Date
}

const DAY_MS = 86_400_000

function line(t: LedgerTotals): CostLine {
  return {
    upstream: t.upstream ?? '-',
    model: t.upstreamModel ?? '-',
    requests: t.requests,
    inputTokens: t.inputTokens,
    cachedTokens: t.cachedTokens,
    outputTokens: t.outputTokens,
    costUsd: t.costUsd,
    estimatedTokens: t.estimatedTokens,
  }
}

export function summarize(input: SummaryInput): CostSummary {
  const {totals, since, now, compareTo} = input
  const local = totals.filter((t) => t.kind === 'local')
  const cloud = totals.filter((t) => t.kind === 'anthropic' || t.kind === 'openai')
  const sum = (rows: LedgerTotals[], f: (t: LedgerTotals) => number) => rows.reduce((a, t) => a + f(t), 0)
  const electricityUsd = sum(local, (t) => t.costUsd)
  const cloudUsd = sum(cloud, (t) => t.costUsd)
  const localAsCloud = sum(local, (t) =>
    costUsd(
      {
        input: t.inputTokens,
        cachedInput: t.cachedTokens,
        cacheWrite: t.cacheWriteTokens,
        output: t.outputTokens,
        estimated: false,
      },
      compareTo.price,
    ),
  )
  const allCloudUsd = localAsCloud + cloudUsd
  const savedUsd = allCloudUsd - electricityUsd - cloudUsd
  // The window is what the ledger covers of it: from its first row in the window (or --since) to now, a day at least.
  const firstInWindow = Math.min(now.getTime(), ...totals.map((t) => Date.parse(t.first)))
  const start = Math.max(since.getTime(), firstInWindow)
  const days = Math.max(1, (now.getTime() - start) / DAY_MS)
  const savedPerMonthUsd = (savedUsd / days) * 30
  const summary: CostSummary = {
    since: new Date(start).toISOString(),
    until: now.toISOString(),
    days,
    local: {
      lines: local.map(line),
      requests: sum(local, (t) => t.requests),
      energyWh: sum(local, (t) => t.energyWh),
      energyEstimated: local.some((t) => t.estimatedEnergy > 0),
      electricityUsd,
    },
    cloud: {lines: cloud.map(line), requests: sum(cloud, (t) => t.requests), costUsd: cloudUsd},
    allCloud: {model: compareTo.model, usd: allCloudUsd},
    savedUsd,
    savedPerMonthUsd,
  }
  if (!input.hardware) return summary
  summary.hardware = input.hardware
  if (savedPerMonthUsd <= 0) return {...summary, breakEven: null}
  const months = input.hardware.costUsd / savedPerMonthUsd
  const from = input.firstEver ?? new Date(start)
  const at = new Date(from.getTime() + months * 30 * DAY_MS)
  const month = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}`
  return {...summary, breakEven: {months, month}}
}
