import type {GpuReading, GpuSampler} from '../../hardware/gpu-sampler.js'
import type {GpuSample} from '../../hardware/parse-gpu-sample.js'
import type {EnergyMeter, PowerReading} from './energy-meter.js'

// The GPUs read once a second (hardware/gpu-sampler.ts): the latest reading for the dashboard, and the GPUs' total
// power for the energy meter. When no power can be read (no tool, no root, a board that does not report it) the
// meter gets the fallback, marked estimated: `settings.gpuWatts`, else the power limits `oac detect` stored.

export interface GpuState {
  /** Wall-clock ms of the reading. */
  at: number
  gpus: GpuSample[]
  /** The tool that read them, or why none could. */
  source: string
  /** The power the meter uses now, if any. */
  power?: PowerReading
}

export class PowerFeed {
  latest: GpuState
  private timer: NodeJS.Timeout | undefined
  private stopped = false

  constructor(
    private readonly sampler: GpuSampler | undefined,
    private readonly meter: EnergyMeter,
    private readonly fallback: PowerReading | undefined,
    private readonly intervalMs = 1_000,
  ) {
    this.latest = {at: Date.now(), gpus: [], source: sampler ? 'not read yet' : 'no sampler'}
    this.apply({ok: false, reason: this.latest.source, missing: !sampler})
  }

  start(): void {
    if (this.sampler) void this.tick()
  }

  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
  }

  private async tick(): Promise<void> {
    const reading = await (this.sampler as GpuSampler)().catch(
      (error: Error): GpuReading => ({ok: false, reason: error.message, missing: false}),
    )
    if (this.stopped) return
    this.apply(reading)
    // A tool that is not installed will not appear while the router runs: stop asking.
    if (!reading.ok && reading.missing) return
    this.timer = setTimeout(() => void this.tick(), this.intervalMs)
    this.timer.unref()
  }

  private apply(reading: GpuReading): void {
    const gpus = reading.ok ? reading.gpus : []
    const sampled = gpus.filter((g) => g.powerW !== undefined)
    const power: PowerReading | undefined = sampled.length
      ? {watts: sampled.reduce((w, g) => w + (g.powerW ?? 0), 0), estimated: false}
      : this.fallback
    this.meter.setPower(power, performance.now())
    this.latest = {
      at: Date.now(),
      gpus,
      source: reading.ok ? reading.tool : reading.reason,
      ...(power ? {power} : {}),
    }
  }
}
