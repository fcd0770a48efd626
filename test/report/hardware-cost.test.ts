import {describe, expect, it} from 'vitest'
import {hardwareSection} from '../../src/report/hardware-figures.js'
import type {ReportModel} from '../../src/report/types.js'

// The cpu profile costs nothing to buy (hardwareCostUsd: 0); the report said "Hardware cost $0.000" (issue 27 row 18).

const model = (hardwareCostUsd: number | undefined) =>
  ({
    runs: [],
    hardware: [{fingerprint: 'abc', runIds: [1], gpus: [], profile: 'cpu', hardwareCostUsd}],
  }) as unknown as ReportModel

const costCell = (m: ReportModel) =>
  hardwareSection(m).figures[0]?.table?.rows.find((r) => r[0] === 'Hardware cost')?.[1]

describe('hardware cost in the report', () => {
  it('says there is nothing to buy for a profile that costs 0', () => {
    expect(costCell(model(0))).toBe('none (no hardware to buy)')
  })
  it('keeps dollars for a priced profile and unknown when none is known', () => {
    expect(costCell(model(1999))).toBe('$1999.00')
    expect(costCell(model(undefined))).toBe('unknown')
  })
})
