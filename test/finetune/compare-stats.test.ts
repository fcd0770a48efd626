import {describe, expect, it} from 'vitest'
import {bootstrapDistribution, pairedInterval} from '../../src/finetune/compare/bootstrap.js'
import {verdictOf} from '../../src/finetune/compare/verdict.js'

// The paired bootstrap interval against cases computed by hand, and the declared verdict rules.

const tasks = (gained: number, lost: number, same: number) => [
  ...Array.from({length: gained}, () => ({base: false, tuned: true})),
  ...Array.from({length: lost}, () => ({base: true, tuned: false})),
  ...Array.from({length: same}, (_, i) => ({base: i % 2 === 0, tuned: i % 2 === 0})),
]

describe('paired bootstrap', () => {
  it('matches the distribution enumerated by hand for three tasks (d = +1, +1, 0)', () => {
    // 27 equally likely resamples; the mean is k/3 with k ~ Binomial(3, 2/3): 1, 6, 12 and 8 of 27.
    const dist = bootstrapDistribution(3, 2, 0)
    expect(dist.map(([v]) => v)).toEqual([0, 1 / 3, 2 / 3, 1])
    for (const [i, [, p]] of dist.entries()) expect(p).toBeCloseTo(([1, 6, 12, 8][i] ?? 0) / 27, 12)
    // 2.5%: P(0) = 1/27 ≥ 0.025 → 0; 97.5%: P(≤ 2/3) = 19/27 < 0.975 → 1.
    expect(pairedInterval(tasks(2, 0, 1))).toMatchObject({n: 3, gained: 2, lost: 0, diff: 2 / 3, lo: 0, hi: 1})
  })

  it('lands on the normal approximation for 100 tasks (20 gained, 5 lost)', () => {
    // mean 0.15; per-task variance E[d²] − mean² = 0.25 − 0.0225; SE = √(0.2275/100) = 0.0477; ±1.96 SE.
    const ci = pairedInterval(tasks(20, 5, 75))
    expect(ci.diff).toBeCloseTo(0.15, 12)
    expect(ci.lo).toBeCloseTo(0.15 - 1.96 * 0.0477, 1)
    expect(Math.abs(ci.lo - 0.0565)).toBeLessThanOrEqual(0.011)
    expect(Math.abs(ci.hi - 0.2435)).toBeLessThanOrEqual(0.011)
  })

  it('says keep, no measurable gain, regressed or n/a by the declared rules', () => {
    const tc = {base: 0.9, tuned: 0.9}
    expect(verdictOf({swe: pairedInterval(tasks(5, 0, 1)), toolCalling: tc}).verdict).toBe('keep')
    expect(verdictOf({swe: pairedInterval(tasks(1, 0, 5)), toolCalling: tc}).verdict).toBe('no measurable gain')
    expect(verdictOf({swe: pairedInterval(tasks(0, 5, 1)), toolCalling: tc}).verdict).toBe('regressed')
    expect(verdictOf({swe: pairedInterval(tasks(5, 0, 1)), toolCalling: {base: 0.9, tuned: 0.8}})).toMatchObject({
      verdict: 'regressed',
      why: expect.stringContaining('tool calling fell from 90.0% to 80.0%'),
    })
    expect(verdictOf({swe: pairedInterval([]), toolCalling: tc}).verdict).toBe('n/a')
  })
})
