import {describe, expect, it} from 'vitest'
import type {RetrievalSummary} from '../../src/evals/retrieval/summary.js'
import {compareRetrieval} from '../../src/gate/compare.js'
import {runGate} from '../../src/gate/gate.js'
import {defaultLimits} from '../../src/gate/limits.js'

// oac gate on eval-retrieval runs: recall@5 and MRR@10 per mode may drop 3 points; mined questions from another
// commit are another workload.

const f = (r5: number, mrr: number) => ({questions: 50, recallAt5: r5, recallAt10: r5, mrrAt10: mrr})
const summary = (lexical: [number, number], hybrid?: [number, number]): RetrievalSummary => ({
  root: '/src/app',
  source: 'history',
  commit: 'a'.repeat(40),
  questions: 50,
  embedding: hybrid ? {model: 'nomic', endpoint: 'http://127.0.0.1:8001/v1'} : null,
  modes: {lexical: f(...lexical), ...(hybrid ? {hybrid: f(...hybrid)} : {})},
  baseline: {bm25: f(0.4, 0.3)},
})
const options = {limits: defaultLimits, allowModelChange: false, allowHardwareChange: false, allowWorkloadChange: false}
const params = (commit: string) => ({root: '/src/app', source: 'history', limit: 50, commit})

describe('gating retrieval', () => {
  it('checks recall@5 and MRR@10 of every mode both runs have, in points', () => {
    const {checks, missing} = compareRetrieval(
      summary([0.6, 0.5], [0.7, 0.6]),
      summary([0.58, 0.5], [0.62, 0.6]),
      defaultLimits,
    )
    expect(checks.map((c) => [c.metric, c.point, c.change, c.ok])).toEqual([
      ['recall_at_5', 'lexical', -2, true],
      ['mrr_at_10', 'lexical', 0, true],
      ['recall_at_5', 'hybrid', -8, false],
      ['mrr_at_10', 'hybrid', 0, true],
    ])
    expect(missing).toEqual([])
    expect(compareRetrieval(summary([0.6, 0.5], [0.7, 0.6]), summary([0.6, 0.5]), defaultLimits).missing).toEqual([
      'hybrid',
    ])
    expect(() => compareRetrieval({modes: {}}, summary([0.6, 0.5]), defaultLimits)).toThrow(
      /not an eval-retrieval summary/,
    )
  })

  it('a regression fails (exit 1), questions from another commit cannot be compared (exit 2) unless allowed', () => {
    const baseline = {
      oacBaseline: 1 as const,
      kind: 'eval-retrieval',
      model: 'lexical',
      params: params('a'),
      summary: summary([0.6, 0.5]),
      runId: 1,
    }
    const current = (commit: string, s: RetrievalSummary) => ({
      id: 2,
      kind: 'eval-retrieval',
      model: 'lexical',
      params: params(commit),
      summary: s,
    })
    expect(runGate(baseline, current('a', summary([0.5, 0.5])), options)).toMatchObject({
      status: 'fail',
      reason: expect.stringMatching(/recall_at_5 .*lexical/),
    })
    expect(runGate(baseline, current('a', summary([0.6, 0.52])), options).status).toBe('pass')
    expect(runGate(baseline, current('b', summary([0.6, 0.5])), options)).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/another workload .*commit a → b/),
    })
    expect(runGate(baseline, current('b', summary([0.6, 0.5])), {...options, allowWorkloadChange: true}).status).toBe(
      'pass',
    )
  })
})
