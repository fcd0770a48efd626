import {describe, expect, it} from 'vitest'
import {compareBench, compareSummaries, compareToolCalling, pointKey} from '../../src/gate/compare.js'
import {runGate} from '../../src/gate/gate.js'
import {defaultLimits, parseMaxDrops} from '../../src/gate/limits.js'
import type {Baseline, Check} from '../../src/gate/types.js'
import {workloadDifferences} from '../../src/gate/workload.js'

const point = (
  concurrency: number | null,
  throughput: number,
  ttft: number,
  tpot: number,
  rate: number | 'inf' = 'inf',
) => ({
  max_concurrency: concurrency,
  request_rate: rate,
  output_throughput: throughput,
  p99_ttft_ms: ttft,
  mean_tpot_ms: tpot,
})

const find = (checks: Check[], metric: string, p?: string) =>
  checks.find((c) => c.metric === metric && c.point === p) as Check

describe('compareBench', () => {
  it('matches points on concurrency and request rate and checks three figures each', () => {
    const baseline = {runs: [point(1, 100, 50, 10), point(4, 300, 80, 12), point(4, 200, 60, 11, 2)]}
    const current = {runs: [point(4, 200, 60, 11, 2), point(1, 100, 50, 10), point(4, 300, 80, 12)]}
    const {checks, missing} = compareBench(baseline, current, defaultLimits)
    expect(checks).toHaveLength(9)
    expect(missing).toEqual([])
    expect(checks.every((c) => c.ok && c.change === 0)).toBe(true)
    expect(checks.map((c) => c.point)).toContain('concurrency=4 rate=2')
  })

  it('fails throughput beyond a 5% drop and latency beyond a 10% rise, and passes exactly at the limit', () => {
    const baseline = {runs: [point(1, 100, 50, 10), point(8, 400, 100, 20)]}
    const current = {runs: [point(1, 95, 55, 11), point(8, 379, 111, 19)]}
    const {checks} = compareBench(baseline, current, defaultLimits)
    expect(find(checks, 'output_throughput', 'concurrency=1 rate=inf')).toMatchObject({change: -5, limit: -5, ok: true})
    expect(find(checks, 'p99_ttft_ms', 'concurrency=1 rate=inf')).toMatchObject({change: 10, limit: 10, ok: true})
    expect(find(checks, 'mean_tpot_ms', 'concurrency=1 rate=inf')).toMatchObject({change: 10, ok: true})
    expect(find(checks, 'output_throughput', 'concurrency=8 rate=inf')).toMatchObject({change: -5.25, ok: false})
    expect(find(checks, 'p99_ttft_ms', 'concurrency=8 rate=inf')).toMatchObject({change: 11, ok: false})
    expect(find(checks, 'mean_tpot_ms', 'concurrency=8 rate=inf')).toMatchObject({change: -5, ok: true})
  })

  it('never fails an improvement', () => {
    const {checks} = compareBench({runs: [point(2, 100, 50, 10)]}, {runs: [point(2, 250, 10, 2)]}, defaultLimits)
    expect(checks.every((c) => c.ok)).toBe(true)
  })

  it('applies overridden limits', () => {
    const limits = parseMaxDrops(['output_throughput=3', 'p99_ttft_ms=20'])
    const {checks} = compareBench({runs: [point(1, 100, 50, 10)]}, {runs: [point(1, 96, 59, 10)]}, limits)
    expect(find(checks, 'output_throughput', 'concurrency=1 rate=inf')).toMatchObject({limit: -3, ok: false})
    expect(find(checks, 'p99_ttft_ms', 'concurrency=1 rate=inf')).toMatchObject({limit: 20, ok: true})
  })

  it('lists baseline points the current run lacks, and throws when none match', () => {
    const {checks, missing} = compareBench(
      {runs: [point(1, 100, 50, 10), point(16, 900, 300, 30)]},
      {runs: [point(1, 100, 50, 10)]},
      defaultLimits,
    )
    expect(checks).toHaveLength(3)
    expect(missing).toEqual(['concurrency=16 rate=inf'])
    expect(() => compareBench({runs: [point(1, 100, 50, 10)]}, {runs: [point(2, 100, 50, 10)]}, defaultLimits)).toThrow(
      /no matching points/,
    )
    expect(() => compareBench({runs: []}, {runs: []}, defaultLimits)).toThrow(/no bench points/)
    expect(() => compareBench({overall: {accuracy: 1}}, {runs: []}, defaultLimits)).toThrow(/not a bench summary/)
  })

  it('skips figures whose baseline is zero (no request completed)', () => {
    const {checks} = compareBench({runs: [point(1, 100, 0, 0)]}, {runs: [point(1, 100, 50, 10)]}, defaultLimits)
    expect(checks.map((c) => c.metric)).toEqual(['output_throughput'])
  })

  it('compares micro-mode results on tokens_per_s by test', () => {
    const micro = (test: string, tps: number) => ({test, tokens_per_s: tps, repetitions: 3})
    const {checks} = compareBench(
      {runs: [micro('pp512', 5000), micro('tg128', 100)]},
      {runs: [micro('pp512', 5100), micro('tg128', 90)]},
      defaultLimits,
    )
    expect(checks.map((c) => [c.point, c.ok])).toEqual([
      ['pp512', true],
      ['tg128', false],
    ])
  })

  it('compares micro results saved with llama-bench names (avg_ts) against older ones (tokens_per_s)', () => {
    const {checks} = compareBench(
      {runs: [{test: 'tg128', tokens_per_s: 100, repetitions: 5}]},
      {runs: [{test: 'tg128', avg_ts: 80, stddev_ts: 1, n_prompt: 0, n_gen: 128, repetitions: 5}]},
      defaultLimits,
    )
    expect(checks.map((c) => [c.metric, c.point, c.ok])).toEqual([['tokens_per_s', 'tg128', false]])
  })

  it('labels points without a concurrency as unbounded', () => {
    expect(pointKey(point(null, 1, 1, 1, 4))).toBe('concurrency=∞ rate=4')
  })
})

describe('compareToolCalling', () => {
  const summary = (overall: number, categories: Record<string, number>) => ({
    overall: {accuracy: overall, passed: 10, total: 12},
    categories: Object.fromEntries(Object.entries(categories).map(([k, v]) => [k, {accuracy: v}])),
  })

  it('checks overall and every category in points, 2 points allowed by default', () => {
    const {checks, missing} = compareToolCalling(
      summary(0.8, {single: 0.9, parallel: 0.7, nested: 0.5}),
      summary(0.78, {single: 0.85, parallel: 0.75}),
      defaultLimits,
    )
    expect(find(checks, 'accuracy')).toMatchObject({change: -2, limit: -2, unit: 'pt', ok: true})
    expect(find(checks, 'accuracy', 'single')).toMatchObject({change: -5, ok: false})
    expect(find(checks, 'accuracy', 'parallel')).toMatchObject({change: 5, ok: true})
    expect(missing).toEqual(['nested'])
  })

  it('takes --max-drop accuracy in points', () => {
    const {checks} = compareToolCalling(summary(0.8, {}), summary(0.785, {}), parseMaxDrops(['accuracy=1']))
    expect(checks[0]).toMatchObject({limit: -1, ok: false})
  })

  it('refuses summaries without an overall accuracy', () => {
    expect(() => compareToolCalling({runs: []}, summary(1, {}), defaultLimits)).toThrow(/baseline summary/)
    expect(() => compareToolCalling(summary(1, {}), {overall: {accuracy: 7}}, defaultLimits)).toThrow(/current run/)
  })

  it('refuses kinds it does not know', () => {
    expect(() => compareSummaries('eval-other', {}, {}, defaultLimits)).toThrow(/cannot gate runs of kind eval-other/)
    expect(() => compareSummaries('eval-swe', {resolved: 3}, {}, defaultLimits)).toThrow(/not an eval-swe summary/)
  })
})

describe('parseMaxDrops', () => {
  it('starts from the defaults and takes repeated or comma-separated overrides', () => {
    expect(parseMaxDrops()).toEqual(defaultLimits)
    expect(parseMaxDrops(['output_throughput=3,accuracy=1', 'mean_tpot_ms=15%'])).toMatchObject({
      output_throughput: 3,
      accuracy: 1,
      mean_tpot_ms: 15,
      p99_ttft_ms: 10,
    })
  })

  it('rejects unknown metrics and bad numbers', () => {
    expect(() => parseMaxDrops(['ttft=3'])).toThrow(/unknown metric `ttft`/)
    expect(() => parseMaxDrops(['accuracy=-1'])).toThrow(/≥ 0/)
    expect(() => parseMaxDrops(['accuracy'])).toThrow(/metric=NUMBER/)
  })
})

describe('runGate', () => {
  const baseline: Baseline = {
    oacBaseline: 1,
    kind: 'bench',
    model: 'qwen3-coder',
    params: {},
    summary: {runs: [point(1, 100, 50, 10)]},
    runId: 3,
  }
  const current = (summary: unknown, model = 'qwen3-coder', kind = 'bench', params: unknown = {}) => ({
    id: 9,
    kind,
    model,
    params,
    summary,
  })

  it('passes within limits', () => {
    const result = runGate(baseline, current({runs: [point(1, 99, 51, 10)]}), {limits: defaultLimits})
    expect(result.status).toBe('pass')
    expect(result.reason).toBe('all 3 checks within limits (run 9 vs baseline run 3)')
  })

  it('fails on a regression and names it in one line', () => {
    const result = runGate(baseline, current({runs: [point(1, 80, 51, 10)]}), {limits: defaultLimits})
    expect(result.status).toBe('fail')
    expect(result.reason).toContain('1 of 3 checks regressed')
    expect(result.reason).toContain('output_throughput at concurrency=1 rate=inf -20.0% (limit >= -5%)')
    expect(result.reason).not.toContain('\n')
  })

  it('cannot compare another kind, or another model unless allowed', () => {
    const other = runGate(baseline, current({overall: {accuracy: 1}}, 'qwen3-coder', 'eval-tool-calling'), {
      limits: defaultLimits,
    })
    expect(other).toMatchObject({status: 'error', checks: []})
    expect(other.reason).toMatch(/baseline is of kind bench but run 9 is of kind eval-tool-calling/)
    const model = runGate(baseline, current({runs: [point(1, 100, 50, 10)]}, 'llama'), {limits: defaultLimits})
    expect(model.status).toBe('error')
    expect(model.reason).toMatch(/--allow-model-change/)
    const allowed = runGate(baseline, current({runs: [point(1, 100, 50, 10)]}, 'llama'), {
      limits: defaultLimits,
      allowModelChange: true,
    })
    expect(allowed.status).toBe('pass')
  })

  it('cannot compare when no point matches', () => {
    const result = runGate(baseline, current({runs: [point(2, 100, 50, 10)]}), {limits: defaultLimits})
    expect(result.status).toBe('error')
    expect(result.reason).toMatch(/no matching points/)
  })

  it('cannot compare runs of different workloads unless allowed, and names each difference', () => {
    const withParams = {...baseline, params: {dataset: 'random', inputLen: 1024, concurrency: [1, 8]}}
    const summary = {runs: [point(1, 100, 50, 10)]}
    const other = current(summary, 'qwen3-coder', 'bench', {dataset: 'random', inputLen: 4096, concurrency: [1, 4]})
    const refused = runGate(withParams, other, {limits: defaultLimits})
    expect(refused.status).toBe('error')
    expect(refused.reason).toBe(
      'run 9 measured another workload than baseline run 3: inputLen 1024 → 4096, concurrency 1,8 → 1,4 (--allow-workload-change to compare anyway)',
    )
    expect(runGate(withParams, other, {limits: defaultLimits, allowWorkloadChange: true}).status).toBe('pass')
    expect(runGate(withParams, {...other, params: withParams.params}, {limits: defaultLimits}).status).toBe('pass')
    expect(runGate({...withParams, runId: 9}, other, {limits: defaultLimits}).reason).toMatch(/with itself/)
  })

  it('compares eval mode and categories; an absent category list means all of them', () => {
    expect(workloadDifferences('eval-tool-calling', {mode: 'native'}, {mode: 'text', categories: ['simple']})).toEqual([
      'mode native → text',
      'categories (default) → simple',
    ])
    expect(workloadDifferences('eval-tool-calling', {}, {mode: 'text'})).toEqual([])
  })
})
