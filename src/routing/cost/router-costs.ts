import type {GpuSampler} from '../../hardware/gpu-sampler.js'
import {CostLedgerStore} from '../../store/cost-ledger-store.js'
import {isCloud, type RouterSettings, type UpstreamConfig} from '../config.js'
import type {RequestOutcome, RequestRecord} from '../router/request-record.js'
import type {Upstream} from '../router/upstream-pool.js'
import type {CapReached} from './budget.js'
import {EnergyMeter, type PowerReading} from './energy-meter.js'
import {Ledger} from './ledger.js'
import {ledgerRow} from './ledger-row.js'
import {PowerFeed} from './power-feed.js'

// The router's money and energy in one place: the energy meter fed by the GPU sampler, the ledger (rows batched into
// the results store; cloud spend kept in memory for the budgets) and the step that turns a closed request record
// into a ledger row. server.ts makes one at start and closes it with the router.

export interface RouterCostsOptions {
  settings: RouterSettings
  /** The results store file (default: $OAC_HOME/oac.db); unused when settings.ledger is off. */
  ledgerFile?: string
  /** Reads the GPUs once (default: none; `oac router` passes hardware/gpu-sampler.ts's). */
  sampler?: GpuSampler
  /** Told of ledger writes that failed (the rows are dropped; requests never wait or fail for them). */
  onProblem?: (problem: string) => void
}

export class RouterCosts {
  readonly energy = new EnergyMeter(performance.now())
  readonly ledger: Ledger
  readonly power: PowerFeed

  constructor(
    private settings: RouterSettings,
    o: Omit<RouterCostsOptions, 'settings'> = {},
  ) {
    const store = settings.ledger ? CostLedgerStore.open(o.ledgerFile) : undefined
    this.ledger = new Ledger(store, new Date(), o.onProblem)
    this.power = new PowerFeed(o.sampler, this.energy, fallbackPower(settings, store))
    this.power.start()
  }

  /** A reloaded config's electricity price and caps apply from the next request on. */
  update(settings: RouterSettings): void {
    this.settings = settings
  }

  /** The budget cap a cloud upstream has reached, if any. */
  cap = (u: Upstream): CapReached | undefined =>
    isCloud(u.config) ? this.ledger.cap(u.name, u.config.budget) : undefined

  /**
   * A closed API request: its share of the GPUs' energy ends, and its row is counted (budgets at once, the store
   * with the next batch). `upstream` is the config of the upstream that answered, if any.
   */
  finish(
    record: RequestRecord,
    status: RequestOutcome,
    arrived: Date,
    durationMs: number,
    upstream: UpstreamConfig | undefined,
  ): void {
    const energy = record.energy ? this.energy.end(record.energy, performance.now()) : undefined
    record.energy = undefined
    if (!record.model || record.api === 'count_tokens' || record.api === 'other') return
    const usage = record.upstream ? record.usage?.() : undefined
    const row = ledgerRow(
      {
        at: arrived,
        api: record.api,
        model: record.model,
        ...(upstream ? {upstream} : {}),
        ...(record.upstreamModel !== undefined ? {upstreamModel: record.upstreamModel} : {}),
        status,
        ...(usage ? {usage} : {}),
        ...(energy ? {energy} : {}),
        ...(record.ttftMs !== undefined ? {ttftMs: record.ttftMs} : {}),
        durationMs,
        ...(record.why !== undefined ? {why: record.why} : {}),
      },
      this.settings.electricityUsdPerKwh,
    )
    record.costUsd = row.costUsd
    record.outputTokens = row.outputTokens
    if (row.energyWh !== undefined) {
      record.energyWh = row.energyWh
      record.energyEstimated = row.energyEstimated
    }
    this.ledger.record(row, upstream !== undefined && isCloud(upstream))
  }

  /** Stops sampling and writes what is queued; returns a problem to log, if the last write failed. */
  close(): string | undefined {
    this.power.stop()
    return this.ledger.close()
  }
}

/** The power to assume when none is sampled: settings.gpuWatts, else the power limits `oac detect` stored. */
function fallbackPower(settings: RouterSettings, store: CostLedgerStore | undefined): PowerReading | undefined {
  if (settings.gpuWatts !== undefined) return {watts: settings.gpuWatts, estimated: true}
  const limits = (store?.latestGpus() ?? []).map((g) => g.powerLimitW ?? 0).filter((w) => w > 0)
  return limits.length ? {watts: limits.reduce((a, b) => a + b, 0), estimated: true} : undefined
}
