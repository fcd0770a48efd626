import {CostLedgerStore, type LedgerRow} from '../../store/cost-ledger-store.js'
import type {BudgetConfig} from './budget.js'
import {addSpend, type CapReached, capReached, dayStart, monthStart, noSpend, type Spend} from './budget.js'

// The router's side of the cost ledger: every finished request becomes a row, queued in memory and written in one
// transaction per second (or per 500 rows), so no request waits on SQLite; cloud spend per upstream is kept in
// memory for the budgets, and read back from the store at start so a restart does not reset it.

const FLUSH_MS = 1_000
const MAX_BATCH = 500

export class Ledger {
  private queue: LedgerRow[] = []
  private readonly spend = new Map<string, Spend>()
  private timer: NodeJS.Timeout | undefined

  /** `store` undefined: spend is counted in memory only (ledger off). */
  constructor(
    private readonly store: CostLedgerStore | undefined,
    now = new Date(),
    /** Told of a batch that could not be written (the router logs it). */
    private readonly report: (problem: string) => void = () => {},
  ) {
    if (!store) return
    const month = store.spendSince(monthStart(now).toISOString())
    const day = store.spendSince(dayStart(now).toISOString())
    for (const [upstream, monthUsd] of month)
      this.spend.set(upstream, {...noSpend(now), monthUsd, dayUsd: day.get(upstream) ?? 0})
  }

  /** Opens the store at `file`; the ledger lives as long as the router. */
  static open(file?: string): Ledger {
    return new Ledger(CostLedgerStore.open(file))
  }

  /** A cloud upstream's spend so far. */
  spendOf(upstream: string, now = new Date()): Spend {
    return this.spend.get(upstream) ?? noSpend(now)
  }

  /** The budget cap an upstream has reached, if any. */
  cap(upstream: string, budget: BudgetConfig | undefined, now = new Date()): CapReached | undefined {
    return capReached(budget, this.spendOf(upstream, now), now)
  }

  /** A finished request: counted against its upstream's budget now, written with the next batch. */
  record(row: LedgerRow, cloud: boolean, now = new Date()): void {
    if (cloud && row.upstream && row.costUsd)
      this.spend.set(row.upstream, addSpend(this.spendOf(row.upstream, now), row.costUsd, now))
    if (!this.store) return
    this.queue.push(row)
    if (this.queue.length >= MAX_BATCH) {
      const problem = this.flush()
      if (problem) this.report(problem)
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        const problem = this.flush()
        if (problem) this.report(problem)
      }, FLUSH_MS)
      this.timer.unref()
    }
  }

  /** Writes what is queued; a failed write is dropped with its rows, never thrown into a request. */
  flush(): string | undefined {
    clearTimeout(this.timer)
    this.timer = undefined
    const rows = this.queue
    this.queue = []
    try {
      this.store?.insert(rows)
      return undefined
    } catch (error) {
      return `cost ledger: ${rows.length} row(s) not written: ${(error as Error).message}`
    }
  }

  close(): string | undefined {
    const problem = this.flush()
    this.store?.close()
    return problem
  }
}
