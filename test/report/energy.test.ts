import {describe, expect, it} from 'vitest'
import {daysPerMonth, energyCost, estimatePower} from '../../src/report/energy.js'
import {parseReportOptions} from '../../src/report/parse-flags.js'
import {ReportError} from '../../src/report/types.js'

describe('estimatePower', () => {
  it('sums power limits, falls back to the draw read, and says which', () => {
    expect(estimatePower([{powerLimitW: 450, powerDrawW: 30}])).toEqual({watts: 450, source: 'GPU power limit'})
    expect(estimatePower([{powerDrawW: 120}])).toEqual({watts: 120, source: 'GPU power draw at detection'})
    expect(estimatePower([{powerLimitW: 450}, {powerLimitW: 450}])).toEqual({
      watts: 900,
      source: 'GPU power limit (2 GPUs)',
    })
    expect(estimatePower([{powerLimitW: 450}, {powerDrawW: 100}])?.source).toBe('GPU power limits and draws (2 GPUs)')
  })

  it('gives none without figures, and the override wins', () => {
    expect(estimatePower([])).toBeUndefined()
    expect(estimatePower([{powerLimitW: 0}])).toBeUndefined()
    expect(estimatePower([{powerLimitW: 450}], 300)).toEqual({watts: 300, source: 'given (--gpu-watts)'})
  })
})

describe('energyCost', () => {
  const base = {powerW: 360, outputTokPerS: 100, electricityPrice: 0.3, cloudPrice: 3, hoursPerDay: 24}

  it('computes Wh and electricity cost per million output tokens', () => {
    // 360 W / 100 tok/s = 3.6 J/token = 1 Wh per 1000 tokens = 1000 Wh per million.
    const r = energyCost(base)
    expect(r.whPerMTok).toBeCloseTo(1000, 9)
    expect(r.electricityUsdPerMTok).toBeCloseTo(0.3, 9)
    expect(r.savingUsdPerMTok).toBeCloseTo(2.7, 9)
    expect(r.mTokPerMonth).toBeCloseTo((100 * 86_400 * daysPerMonth) / 1e6, 9)
    expect(r.breakEvenMonths).toBeUndefined()
  })

  it('gives the months until the saving pays for the hardware', () => {
    const r = energyCost({...base, hardwareCostUsd: 1999, hoursPerDay: 8})
    const mTokPerMonth = (100 * 3600 * 8 * daysPerMonth) / 1e6
    expect(r.breakEvenMonths).toBeCloseTo(1999 / (2.7 * mTokPerMonth), 9)
    expect(energyCost({...base, hardwareCostUsd: 0}).breakEvenMonths).toBe(0)
  })

  it('never breaks even when the cloud is as cheap as the electricity', () => {
    expect(energyCost({...base, cloudPrice: 0.3, hardwareCostUsd: 1000}).breakEvenMonths).toBeNull()
    expect(energyCost({...base, cloudPrice: 0.1, hardwareCostUsd: 1000}).breakEvenMonths).toBeNull()
  })

  it('scales linearly with the electricity price and inversely with throughput', () => {
    expect(energyCost({...base, electricityPrice: 0.6}).electricityUsdPerMTok).toBeCloseTo(0.6, 9)
    expect(energyCost({...base, outputTokPerS: 200}).whPerMTok).toBeCloseTo(500, 9)
  })

  it('rejects zero power or throughput', () => {
    expect(() => energyCost({...base, outputTokPerS: 0})).toThrow(RangeError)
    expect(() => energyCost({...base, powerW: 0})).toThrow(RangeError)
  })
})

describe('parseReportOptions', () => {
  const flags = {'electricity-price': '0.30', 'cloud-price': '3.0', 'hours-per-day': '8'}

  it('reads the prices and overrides', () => {
    expect(parseReportOptions({...flags, 'gpu-watts': '450', 'hardware-cost': '0'})).toEqual({
      electricityPrice: 0.3,
      cloudPrice: 3,
      hoursPerDay: 8,
      gpuWatts: 450,
      hardwareCostUsd: 0,
    })
  })

  it('rejects what is not a usable number', () => {
    expect(() => parseReportOptions({...flags, 'cloud-price': 'cheap'})).toThrow(ReportError)
    expect(() => parseReportOptions({...flags, 'electricity-price': '-1'})).toThrow(/non-negative/)
    expect(() => parseReportOptions({...flags, 'hours-per-day': '25'})).toThrow(/24 or less/)
    expect(() => parseReportOptions({...flags, 'gpu-watts': '0'})).toThrow(/positive/)
  })
})
