import {describe, expect, it} from 'vitest'
import {buildReportModel} from '../../src/report/build-model.js'
import {buildSections} from '../../src/report/figures.js'
import type {Run} from '../../src/store/types.js'

// What could not be measured is "n/a" in the report and never a point on a chart: an interrupted eval over zero
// cases, a TPOT from one-chunk replies, a tg decode speed that was not observed. Figures from estimated token
// counts are marked.

const options = {electricityPrice: 0.3, cloudPrice: 3, hoursPerDay: 8}
let nextId = 1
const run = (kind: Run['kind'], summary: object, status: Run['status'] = 'complete'): Run => ({
  id: nextId++,
  kind,
  status,
  startedAt: '2026-12-01T08:00:00Z',
  model: 'qwen3-coder',
  params: {dataset: 'random'},
  summary,
})
const figures = (runs: Run[]) =>
  buildSections(buildReportModel({runs, samples: () => [], profiles: [], options})).flatMap((s) => s.figures)

describe('oac report over figures that were not measured', () => {
  it('an interrupted tool-calling run over zero cases is n/a, not a 0% point (issue 27 row 15)', () => {
    const empty = {
      model: 'qwen3-coder',
      mode: 'native',
      overall: {cases: 0, attempts: 0, accuracy: null},
      categories: {},
    }
    const done = {...empty, overall: {cases: 4, attempts: 4, accuracy: 0.5}, categories: {}}
    const all = figures([run('eval-tool-calling', done), run('eval-tool-calling', empty, 'partial')])
    const [bars, history] = ['tools-categories', 'tools-history-1'].map((id) => all.find((f) => f.id === id))
    expect(bars?.chart?.data.datasets[0]?.data).toEqual([null])
    expect(bars?.table.rows[0]?.[1]).toBe('n/a (0 attempts)')
    expect(history?.chart?.data.datasets[0]?.data).toEqual([50, null])
    expect(history?.table.rows[1]?.[2]).toBe('n/a')
  })

  it('an interrupted SWE run that attempted nothing is n/a, not resolved 0/0 (0.0%)', () => {
    const swe = {
      model: 'qwen3-coder',
      agent: 'builtin',
      total: 0,
      resolved: 0,
      resolved_rate: null,
      resolved_ids: [],
      unresolved_ids: [],
      empty_patch_ids: [],
      error_ids: [],
      instances: [],
      repeat: 1,
      pass_hat_k: null,
      prompt_tokens: null,
      completion_tokens: null,
      mean_duration_s: 0,
    }
    const resolved = figures([run('eval-swe', swe, 'partial')]).find((f) => f.id === 'swe-resolved')
    expect(resolved?.chart?.data.datasets[0]?.data).toEqual([null])
    expect(resolved?.table.rows[0]?.slice(2, 4)).toEqual(['n/a (no instance attempted)', 'n/a'])
  })

  it('a TPOT from one-chunk replies is n/a; throughput and TPOT from estimated tokens are marked', () => {
    const point = {
      max_concurrency: 1,
      request_rate: 'inf',
      completed: 8,
      failed: 0,
      output_throughput: 50,
      median_ttft_ms: 120,
      p99_ttft_ms: 180,
      mean_tpot_ms: null,
      median_itl_ms: null,
      median_e2el_ms: 900,
      output_tokens_source: 'estimated',
    }
    const micro = {test: 'tg128', avg_ts: null, stddev_ts: null, repetitions: 0}
    const all = figures([run('bench', {runs: [point, micro]})])
    const ttft = all.find((f) => f.id === 'bench-1-ttft')
    expect(ttft?.table.rows[0]?.slice(5)).toEqual(['n/a', 'n/a'])
    const throughput = all.find((f) => f.id === 'bench-1-throughput')
    expect(throughput?.table.rows[0]?.[2]).toBe('50.0 (est.)')
    expect(all.find((f) => f.id === 'bench-1-micro')?.table.rows[0]?.slice(2, 4)).toEqual([
      'n/a (decode not observed)',
      'n/a',
    ])
  })
})
