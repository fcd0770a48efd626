// Energy and cost per token: pure arithmetic, no I/O. GPU power comes from what `oac detect` stored (the board's
// power limit, the most it draws under load, else the draw it read at detection), so every figure is an estimate.

export interface GpuPower {
  powerLimitW?: number
  powerDrawW?: number
}

export interface PowerEstimate {
  watts: number
  /** What the watts came from, in words for the report. */
  source: string
}

/** Days in an average month (365.25 / 12). */
export const daysPerMonth = 30.4375

/** The GPUs' power under load: the sum of power limits, else of the draws read; undefined when none is known. */
export function estimatePower(gpus: GpuPower[], overrideW?: number): PowerEstimate | undefined {
  if (overrideW !== undefined) return {watts: overrideW, source: 'given (--gpu-watts)'}
  let watts = 0
  let limits = 0
  let draws = 0
  for (const g of gpus) {
    if (g.powerLimitW !== undefined && g.powerLimitW > 0) {
      watts += g.powerLimitW
      limits++
    } else if (g.powerDrawW !== undefined && g.powerDrawW > 0) {
      watts += g.powerDrawW
      draws++
    }
  }
  if (!limits && !draws) return undefined
  const source =
    limits && draws ? 'GPU power limits and draws' : limits ? 'GPU power limit' : 'GPU power draw at detection'
  return {watts, source: gpus.length > 1 ? `${source} (${gpus.length} GPUs)` : source}
}

export interface CostInput {
  /** GPU power while serving, W. */
  powerW: number
  /** Measured output tokens per second. */
  outputTokPerS: number
  /** USD per kWh. */
  electricityPrice: number
  /** USD per million output tokens from a cloud API. */
  cloudPrice: number
  /** What the hardware cost, USD; undefined when unknown. */
  hardwareCostUsd?: number
  /** Hours a day serving at this throughput. */
  hoursPerDay: number
}

export interface CostResult {
  /** Wh per million output tokens. */
  whPerMTok: number
  /** Electricity cost per million output tokens, USD. */
  electricityUsdPerMTok: number
  /** Cloud price minus electricity cost, per million output tokens, USD. */
  savingUsdPerMTok: number
  /** Million output tokens a month at this throughput and hours a day. */
  mTokPerMonth: number
  /** Months until the savings pay for the hardware; null: never; undefined: no hardware cost known. */
  breakEvenMonths?: number | null
}

/** Wh and USD per million output tokens, and the months until the hardware pays for itself against the cloud. */
export function energyCost(input: CostInput): CostResult {
  const {powerW, outputTokPerS, electricityPrice, cloudPrice, hardwareCostUsd, hoursPerDay} = input
  if (!(powerW > 0) || !(outputTokPerS > 0)) throw new RangeError('power and throughput must be positive')
  // J per token = W / (tok/s); Wh per million tokens = J/token × 1e6 / 3600.
  const whPerMTok = ((powerW / outputTokPerS) * 1e6) / 3600
  const electricityUsdPerMTok = (whPerMTok / 1000) * electricityPrice
  const savingUsdPerMTok = cloudPrice - electricityUsdPerMTok
  const mTokPerMonth = (outputTokPerS * 3600 * hoursPerDay * daysPerMonth) / 1e6
  const result: CostResult = {whPerMTok, electricityUsdPerMTok, savingUsdPerMTok, mTokPerMonth}
  if (hardwareCostUsd !== undefined) {
    const savingPerMonth = savingUsdPerMTok * mTokPerMonth
    result.breakEvenMonths = hardwareCostUsd === 0 ? 0 : savingPerMonth > 0 ? hardwareCostUsd / savingPerMonth : null
  }
  return result
}
