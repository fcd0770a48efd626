// The energy of each local request: the GPUs' power, sampled while it ran, shared equally among the local requests
// running at the same moment. Between two events (a power sample, a request starting or ending) the power and the
// number of requests are constant, so each request's share of that stretch is power × time / requests; a running
// sum of those shares per request makes every begin and end O(1), whatever the load. Power with no request running
// (idle) is nobody's. Times are performance.now() milliseconds.

/** Where the watts came from: sampled (nvidia-smi, powermetrics) or estimated (a power limit, a configured figure). */
export interface PowerReading {
  watts: number
  estimated: boolean
}

/** A request's claim on the meter, from `begin` to `end`. */
export interface EnergyShare {
  readonly start: number
  estimated: boolean
}

export class EnergyMeter {
  private power: PowerReading | undefined
  /** Wh one request running since the meter started would have used. */
  private perShareWh = 0
  private last: number
  private running = 0

  constructor(now: number) {
    this.last = now
  }

  /** The latest power (undefined: none known); the stretch before it is counted at the power before. */
  setPower(power: PowerReading | undefined, now: number): void {
    this.advance(now)
    this.power = power
  }

  begin(now: number): EnergyShare {
    this.advance(now)
    this.running++
    return {start: this.perShareWh, estimated: this.power?.estimated ?? true}
  }

  /** The request's energy (Wh), or undefined when no power was known; its share ends either way. */
  end(share: EnergyShare, now: number): {wh: number; estimated: boolean} | undefined {
    this.advance(now)
    this.running = Math.max(0, this.running - 1)
    if (!this.power) return undefined
    return {wh: this.perShareWh - share.start, estimated: share.estimated || this.power.estimated}
  }

  private advance(now: number): void {
    if (this.running > 0 && this.power && now > this.last)
      this.perShareWh += (this.power.watts * (now - this.last)) / 3_600_000 / this.running
    this.last = Math.max(this.last, now)
  }
}
