import type Database from 'better-sqlite3'
import {openDatabase} from './open-database.js'
import {redactSecrets} from './redact.js'
import {defaultDbPath} from './store.js'

// The router's cost ledger in the results store (migration 5): rows are written in batches by routing/cost/ledger.ts
// and read back summed, by `oac cost`, `oac report` and the router itself (cloud spend so far, for budgets).

export type LedgerKind = 'local' | 'anthropic' | 'openai' | 'none'

/** One API request the router answered or refused. */
export interface LedgerRow {
  /** When the request arrived (ISO, UTC). */
  at: string
  api: string
  /** The model the client asked for. */
  model: string
  upstream?: string
  upstreamModel?: string
  /** The answering upstream's kind; `none` when nothing answered. */
  kind: LedgerKind
  /** HTTP status, `cancelled` or `broken`. */
  status: string
  inputTokens: number
  cachedTokens: number
  cacheWriteTokens: number
  outputTokens: number
  tokensEstimated: boolean
  /** Cloud: the tokens at the upstream's price; local: the electricity of its energy; undefined when unknown. */
  costUsd?: number
  energyWh?: number
  energyEstimated: boolean
  ttftMs?: number
  durationMs: number
  /** Why the router sent it where it went. */
  route?: string
}

/** Sums of ledger rows for one upstream and model. */
export interface LedgerTotals {
  upstream: string | null
  upstreamModel: string | null
  kind: LedgerKind
  requests: number
  inputTokens: number
  cachedTokens: number
  cacheWriteTokens: number
  outputTokens: number
  /** Requests whose tokens were counted by the router (no usage in the reply). */
  estimatedTokens: number
  costUsd: number
  /** Requests with a cost (the rest had none known). */
  costed: number
  energyWh: number
  /** Requests whose energy came from a power estimate rather than sampled power. */
  estimatedEnergy: number
  first: string
  last: string
}

const INSERT = `INSERT INTO cost_ledger (at, api, model, upstream, upstream_model, kind, status, input_tokens, cached_tokens,
  cache_write_tokens, output_tokens, tokens_estimated, cost_usd, energy_wh, energy_estimated, ttft_ms, duration_ms, route)
  VALUES (@at, @api, @model, @upstream, @upstreamModel, @kind, @status, @inputTokens, @cachedTokens, @cacheWriteTokens,
  @outputTokens, @tokensEstimated, @costUsd, @energyWh, @energyEstimated, @ttftMs, @durationMs, @route)`

export class CostLedgerStore {
  private readonly insertOne: Database.Statement
  private readonly insertMany: (rows: LedgerRow[]) => void

  private constructor(private readonly db: Database.Database) {
    this.insertOne = db.prepare(INSERT)
    this.insertMany = db.transaction((rows: LedgerRow[]) => {
      for (const r of rows)
        this.insertOne.run({
          ...r,
          upstream: r.upstream ?? null,
          upstreamModel: r.upstreamModel ?? null,
          tokensEstimated: r.tokensEstimated ? 1 : 0,
          costUsd: r.costUsd ?? null,
          energyWh: r.energyWh ?? null,
          energyEstimated: r.energyEstimated ? 1 : 0,
          ttftMs: r.ttftMs ?? null,
          // The only free text in a row: the router's own words, which may quote an upstream's error.
          route: r.route === undefined ? null : redactSecrets(r.route),
        })
    })
  }

  static open(file: string = defaultDbPath()): CostLedgerStore {
    return new CostLedgerStore(openDatabase(file))
  }

  /** Writes rows in one transaction (one fsync for the batch). */
  insert(rows: LedgerRow[]): void {
    if (rows.length) this.insertMany(rows)
  }

  /** Cost per upstream of the rows since `sinceIso` (cloud spend for budgets). */
  spendSince(sinceIso: string): Map<string, number> {
    const rows = this.db
      .prepare(
        "SELECT upstream, sum(cost_usd) AS usd FROM cost_ledger WHERE at >= ? AND kind IN ('anthropic', 'openai') GROUP BY upstream",
      )
      .all(sinceIso) as {upstream: string; usd: number | null}[]
    return new Map(rows.map((r) => [r.upstream, r.usd ?? 0]))
  }

  /** Totals per upstream and model of the rows from `sinceIso` on. */
  totals(sinceIso: string): LedgerTotals[] {
    return this.db
      .prepare(
        `SELECT upstream, upstream_model AS upstreamModel, kind, count(*) AS requests,
           sum(input_tokens) AS inputTokens, sum(cached_tokens) AS cachedTokens,
           sum(cache_write_tokens) AS cacheWriteTokens, sum(output_tokens) AS outputTokens,
           sum(tokens_estimated) AS estimatedTokens, coalesce(sum(cost_usd), 0) AS costUsd,
           count(cost_usd) AS costed, coalesce(sum(energy_wh), 0) AS energyWh,
           sum(energy_estimated) AS estimatedEnergy, min(at) AS first, max(at) AS last
         FROM cost_ledger WHERE at >= ? GROUP BY upstream, upstream_model, kind ORDER BY kind, upstream, upstream_model`,
      )
      .all(sinceIso) as LedgerTotals[]
  }

  /** When the first row was written (the payback clock of `oac cost` starts there), if any. */
  firstAt(): string | undefined {
    return (this.db.prepare('SELECT min(at) AS at FROM cost_ledger').get() as {at: string | null}).at ?? undefined
  }

  /** The newest stored run's hardware report (`oac detect`'s), for the profile that prices the box. */
  latestHardware(): unknown {
    const row = this.db
      .prepare('SELECT hardware FROM runs WHERE hardware IS NOT NULL ORDER BY id DESC LIMIT 1')
      .get() as {hardware: string} | undefined
    try {
      return row ? JSON.parse(row.hardware) : undefined
    } catch {
      return undefined
    }
  }

  /** The GPUs of the newest stored run's hardware (`oac detect`'s power limits: the energy estimate's fallback). */
  latestGpus(): {powerLimitW?: number; powerDrawW?: number}[] {
    const gpus = (this.latestHardware() as {gpus?: unknown} | undefined)?.gpus
    return Array.isArray(gpus) ? gpus : []
  }

  close(): void {
    this.db.close()
  }
}
