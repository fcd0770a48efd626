import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildReportModel} from '../../src/report/build-model.js'
import {color} from '../../src/report/chart-kit.js'
import {buildSections} from '../../src/report/figures.js'
import {isWideTable, renderHtml} from '../../src/report/render-html.js'
import {selectRuns} from '../../src/report/select-runs.js'
import {Store} from '../../src/store/store.js'
import type {Run} from '../../src/store/types.js'

// What the report must not say: 0 tok/s for a point that completed nothing, 100% parseable for a model that made no
// call, one colour for two runs, two workloads on one line without a word.

const options = {electricityPrice: 0.3, cloudPrice: 3, hoursPerDay: 8}
let nextId = 1
const point = (concurrency: number, completed: number, throughput: number) => ({
  max_concurrency: concurrency,
  request_rate: 'inf',
  completed,
  failed: completed ? 0 : 8,
  output_throughput: throughput,
  median_ttft_ms: completed ? 120 : 0,
  p99_ttft_ms: completed ? 180 : 0,
  mean_tpot_ms: completed ? 12 : 0,
  median_e2el_ms: completed ? 900 : 0,
})
const benchRun = (params: object, points: object[], engine?: string): Run => ({
  id: nextId++,
  kind: 'bench',
  status: 'complete',
  startedAt: '2026-11-30T08:00:00Z',
  model: 'qwen3-coder',
  ...(engine ? {engine} : {}),
  params,
  summary: {runs: points},
})
const toolRunOf = (overall: object): Run => ({
  id: nextId++,
  kind: 'eval-tool-calling',
  status: 'complete',
  startedAt: '2026-11-30T08:00:00Z',
  model: 'qwen3-coder',
  params: {mode: 'native'},
  summary: {model: 'qwen3-coder', mode: 'native', overall, categories: {simple: {total: 4, passed: 1, accuracy: 0.25}}},
})
const model = (runs: Run[]) => buildReportModel({runs, samples: () => [], profiles: [], options})
const figure = (runs: Run[], id: string) =>
  buildSections(model(runs))
    .flatMap((s) => s.figures)
    .find((f) => f.id === id)

describe('oac report says what it does not know', () => {
  it('shows a point that completed nothing as "no data", not 0 tok/s and 0 ms', () => {
    const runs = [benchRun({dataset: 'random'}, [point(1, 8, 50), point(4, 0, 0)])]
    const throughput = figure(runs, 'bench-1-throughput')!
    expect(throughput.chart?.data.datasets[0]?.data).toEqual([50, null])
    expect(throughput.table.rows[1]).toEqual(['#1', 'c=4', 'no data', 'no data', '0', '8'])
    const ttft = figure(runs, 'bench-1-ttft')!
    expect(ttft.chart?.data.datasets.map((d) => d.data)).toEqual([
      [120, null],
      [180, null],
    ])
    expect(ttft.table.rows[1]?.slice(2)).toEqual(['no data', 'no data', 'no data', 'no data', 'no data'])
    const tradeoff = figure(runs, 'bench-1-tradeoff')!
    expect(tradeoff.chart?.data.datasets[0]?.data).toEqual([{x: 900, y: 50}])
  })

  it('labels each series with its workload and says when runs in one chart measured different ones', () => {
    const runs = [
      benchRun({dataset: 'random', inputLen: 1024, outputLen: 128}, [point(1, 8, 50)]),
      benchRun({dataset: 'coding', inputLen: 1024, outputLen: 128}, [point(1, 8, 40)]),
    ]
    const sections = buildSections(model(runs))
    const bench = sections.find((s) => s.id === 'bench-1')!
    const labels = bench.figures[0]?.chart?.data.datasets.map((d) => d.label)
    expect(labels?.[0]).toMatch(/random.*1024.*128/)
    expect(labels?.[1]).toMatch(/coding/)
    expect(bench.intro).toMatch(/different workloads/)
  })

  it('gives every run its own colour, however many there are', () => {
    const colours = Array.from({length: 40}, (_, i) => color(i))
    expect(new Set(colours).size).toBe(40)
  })

  it('shows parseable and schema-valid rates, "n/a" over zero calls, and the plain-text warning', () => {
    const runs = [
      toolRunOf({cases: 4, attempts: 4, accuracy: 0.75, parseable_rate: 0.5, schema_valid_rate: 0.25}),
      toolRunOf({
        cases: 4,
        attempts: 4,
        accuracy: 0.25,
        parseable_rate: null,
        schema_valid_rate: null,
        warning: '3 of 3 answers that should have called a tool were plain text',
      }),
    ]
    const history = figure(runs, 'tools-history-1')!
    const col = (name: string) => history.table.columns.indexOf(name)
    expect(col('Parseable')).toBeGreaterThan(0)
    expect(history.table.rows.map((r) => [r[col('Parseable')], r[col('Schema-valid')]])).toEqual([
      ['50.0%', '25.0%'],
      ['n/a', 'n/a'],
    ])
    expect(history.note).toMatch(/plain text/)
  })

  it('--last counts complete runs only, as its help says; partial ones come with --run', () => {
    const store = Store.open(join(mkdtempSync(join(tmpdir(), 'oac-report-honest-')), 'oac.db'))
    try {
      const add = (status: 'complete' | 'partial') => {
        const id = store.startRun({kind: 'bench', model: 'm', params: {}})
        store.finishRun(id, status, {runs: []})
        return id
      }
      const [a, , c] = [add('complete'), add('partial'), add('complete')]
      const partial = a + 1
      expect(selectRuns(store, {last: 5}).map((r) => r.id)).toEqual([a, c])
      expect(selectRuns(store, {}).map((r) => r.id)).toEqual([a, c])
      expect(selectRuns(store, {runIds: [partial]}).map((r) => r.id)).toEqual([partial])
    } finally {
      store.close()
    }
  })
})

describe('tables at 1,280 px', () => {
  it('give a figure whose table does not fit half the page the whole row, so no column is cut off', () => {
    const narrow = {columns: ['Run', 'tok/s'], rows: [['#1', '50.0']]}
    const wide = {
      columns: ['Run', 'Point', 'Median TTFT (ms)', 'P99 TTFT (ms)', 'Mean TPOT (ms)', 'Median ITL (ms)'],
      rows: [['#12 · random in 1024 out 128', 'c=16', '120.0', '180.0', '12.0', '12.1']],
    }
    expect(isWideTable(narrow)).toBe(false)
    expect(isWideTable(wide)).toBe(true)
    const html = renderHtml(
      model([benchRun({dataset: 'random', inputLen: 1024, outputLen: 128}, [point(1, 8, 50)])]),
      [
        {
          id: 's',
          title: 'S',
          figures: [
            {id: 'a', title: 'A', table: narrow},
            {id: 'b', title: 'B', table: wide},
          ],
        },
      ],
      '',
    )
    expect(html).toContain('<figure id="fig-a"')
    expect(html).toContain('<figure class="wide" id="fig-b"')
    expect(html).toMatch(/figure\.wide\{grid-column:1\/-1\}/)
  })
})
