import {existsSync} from 'node:fs'
import {OacError, UsageError} from '../../errors.js'
import type {HardwareReport} from '../../hardware/types.js'
import {loadCatalog} from '../../profiles/catalog.js'
import {loadProfiles} from '../../profiles/load-profiles.js'
import {matchProfile} from '../../profiles/match.js'
import {CostLedgerStore, type LedgerTotals} from '../../store/cost-ledger-store.js'
import {defaultDbPath} from '../../store/store.js'
import {type CostSummary, summarize} from './cost-summary.js'
import {priceOf} from './price-table.js'

// `oac cost` and the report's cost section: read the router's ledger over a window and summarize it. The hardware
// price comes from --hardware-cost, else from the profile matching the newest stored hardware (hardwareCostUsd).

export interface CostRequest {
  /** `30d`, `12h`, `2w` or a date (`2026-11-01`). */
  since: string
  /** The cloud model every request is priced at for "all cloud" (default: the most used cloud model, else Sonnet). */
  compareTo?: string
  hardwareCostUsd?: number
  dbFile?: string
  now?: Date
}

/** The comparison when the ledger has no cloud request to take one from. */
export const DEFAULT_COMPARE_TO = 'claude-sonnet-4-5'

const UNIT_MS: Record<string, number> = {h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000}

export function parseSince(text: string, now: Date): Date {
  const rel = /^(\d+(?:\.\d+)?)([hdw])$/.exec(text.trim())
  if (rel) return new Date(now.getTime() - Number(rel[1]) * (UNIT_MS[rel[2] as string] as number))
  const date = /^\d{4}-\d\d-\d\d$/.test(text.trim()) ? new Date(`${text.trim()}T00:00:00`) : undefined
  if (date && !Number.isNaN(date.getTime())) return date
  throw new UsageError(`--since must be a duration (30d, 12h, 2w) or a date (2026-11-01), not \`${text}\``)
}

export function costReport(r: CostRequest): CostSummary {
  const now = r.now ?? new Date()
  const since = parseSince(r.since, now)
  const file = r.dbFile ?? defaultDbPath()
  // Reading must not create a store: no file means the router never recorded a request here.
  if (!existsSync(file))
    throw new OacError(`no cost ledger at ${file}: \`oac router\` records every request it routes there`)
  const store = CostLedgerStore.open(file)
  try {
    const totals = store.totals(since.toISOString())
    if (!totals.length)
      throw new OacError(`no request in the cost ledger since ${since.toISOString()} (${file}): try a longer --since`)
    const model = r.compareTo ?? mostUsedCloudModel(totals) ?? DEFAULT_COMPARE_TO
    const price = priceOf(undefined, model)
    if (!price)
      throw new UsageError(`--compare-to: no price for \`${model}\` in oac's table (profiles/cloud/prices.yaml)`)
    const hardware = hardwareCost(r.hardwareCostUsd, store.latestHardware())
    const first = store.firstAt()
    return summarize({
      totals,
      since,
      now,
      compareTo: {model, price},
      ...(hardware ? {hardware} : {}),
      ...(first ? {firstEver: new Date(first)} : {}),
    })
  } finally {
    store.close()
  }
}

function mostUsedCloudModel(totals: LedgerTotals[]): string | undefined {
  const cloud = totals.filter((t) => t.kind !== 'local' && t.kind !== 'none' && t.upstreamModel)
  cloud.sort((a, b) => b.requests - a.requests)
  const model = cloud[0]?.upstreamModel ?? undefined
  return model && priceOf(undefined, model) ? model : undefined
}

function hardwareCost(flag: number | undefined, hw: unknown): {costUsd: number; source: string} | undefined {
  if (flag !== undefined) return {costUsd: flag, source: '--hardware-cost'}
  if (!hw || typeof hw !== 'object') return undefined
  try {
    const profiles = loadProfiles(loadCatalog())
    const match = matchProfile(profiles, hw as HardwareReport)
    const cost = profiles.find((p) => p.id === match?.id)?.hardwareCostUsd
    return cost === undefined ? undefined : {costUsd: cost, source: `profile ${match?.id}`}
  } catch {
    // A broken user profile or an old hardware row: no price, and the output says how to give one.
    return undefined
  }
}
