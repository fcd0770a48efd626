import {describe, expect, it} from 'vitest'
import type {RetrievalSummary} from '../../src/evals/retrieval/summary.js'
import {buildReportModel} from '../../src/report/build-model.js'
import {buildSections} from '../../src/report/figures.js'
import type {Run} from '../../src/store/types.js'

// oac report shows eval-retrieval runs: each method's file-level figures beside BM25, newest run per repo charted.

const figures = (r5: number, mrr: number) => ({questions: 40, recallAt5: r5, recallAt10: r5 + 0.1, mrrAt10: mrr})
const summary = (model: string | null, hybrid: boolean): RetrievalSummary => ({
  root: '/src/app',
  source: 'history',
  commit: 'a'.repeat(40),
  questions: 40,
  embedding: model ? {model, endpoint: 'http://127.0.0.1:8001/v1'} : null,
  modes: {lexical: figures(0.6, 0.5), ...(hybrid ? {vector: figures(0.5, 0.4), hybrid: figures(0.7, 0.6)} : {})},
  baseline: {bm25: figures(0.4, 0.3)},
  mined: {scanned: 120, skipped: {'says too little': 3}},
})
const run = (id: number, model: string, s: unknown): Run => ({
  id,
  kind: 'eval-retrieval',
  status: 'complete',
  startedAt: `2026-01-0${id}T00:00:00Z`,
  model,
  params: {root: '/src/app', source: 'history', limit: 50},
  summary: s,
})

describe('the retrieval section', () => {
  it('lists every method of every run and charts recall@5 of the newest run per repository and model', () => {
    const model = buildReportModel({
      runs: [run(1, 'lexical', summary(null, false)), run(2, 'nomic', summary('nomic', true)), run(3, 'x', {bad: 1})],
      samples: () => [],
      profiles: [],
      options: {electricityPrice: 0.3, cloudPrice: 3, hoursPerDay: 8},
    })
    expect(model.retrieval.map((r) => [r.run.id, r.methods.map((m) => m.name)])).toEqual([
      [1, ['BM25 (baseline)', 'oac lexical']],
      [2, ['BM25 (baseline)', 'oac lexical', 'oac vector (nomic)', 'oac hybrid (nomic)']],
    ])
    expect(model.runs.find((r) => r.id === 2)?.workload).toBe('app, history')
    const section = buildSections(model).find((s) => s.id === 'retrieval')
    const figure = section?.figures[0]
    expect(figure?.table.rows).toHaveLength(6)
    expect(figure?.table.rows[5]).toEqual([
      'app @ aaaaaaaaa',
      expect.stringContaining('#2'),
      '40 (history)',
      'oac hybrid (nomic)',
      '0.70',
      '0.80',
      '0.60',
    ])
    expect(figure?.chart?.data.labels).toEqual(['app · lexical', 'app · nomic'])
    expect(figure?.chart?.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['BM25', [40, 40]],
      ['oac lexical', [60, 60]],
      ['oac vector', [null, 50]],
      ['oac hybrid', [null, 70]],
    ])
  })
})
