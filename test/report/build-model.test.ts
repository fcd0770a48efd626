import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildReportModel, latencySamples, benchPoints as parsePoints, pointLabel} from '../../src/report/build-model.js'
import {energyCost} from '../../src/report/energy.js'
import {buildSections, fmt} from '../../src/report/figures.js'
import {buildModelFromStore} from '../../src/report/generate.js'
import {binEdges, histogram} from '../../src/report/histogram.js'
import {escapeHtml, renderHtml, scriptJson} from '../../src/report/render-html.js'
import {selectRuns} from '../../src/report/select-runs.js'
import {ReportError, type ReportModel} from '../../src/report/types.js'
import {Store} from '../../src/store/store.js'
import type {Run} from '../../src/store/types.js'
import {benchPoints, seedStore, toolRuns} from './fixture.js'

const options = {electricityPrice: 0.3, cloudPrice: 3, hoursPerDay: 8}
const home = mkdtempSync(join(tmpdir(), 'oac-report-model-'))
const dbFile = join(home, 'oac.db')
let ids: {bench: number; tools: number[]}
let model: ReportModel

beforeAll(() => {
  ids = seedStore(home)
  const store = Store.open(dbFile)
  try {
    model = buildModelFromStore(store, {options, now: new Date('2025-06-01T12:00:00Z')})
  } finally {
    store.close()
  }
})

describe('selectRuns', () => {
  it('takes the newest N finished runs, oldest first, or the ids given', () => {
    const store = Store.open(dbFile)
    try {
      expect(selectRuns(store, {}).map((r) => r.id)).toEqual([ids.bench, ...ids.tools])
      expect(selectRuns(store, {last: 2}).map((r) => r.id)).toEqual(ids.tools)
      expect(selectRuns(store, {runIds: [ids.tools[1]!, ids.bench, ids.bench]}).map((r) => r.id)).toEqual([
        ids.bench,
        ids.tools[1],
      ])
      expect(selectRuns(store, {model: 'qwen3-coder', last: 1}).map((r) => r.id)).toEqual([ids.tools[1]])
    } finally {
      store.close()
    }
  })

  it('says clearly what is missing', () => {
    const store = Store.open(dbFile)
    try {
      expect(() => selectRuns(store, {runIds: [999]})).toThrow(/no run 999/)
      expect(() => selectRuns(store, {model: 'other'})).toThrow(ReportError)
      expect(() => selectRuns(store, {runIds: [ids.bench], last: 1})).toThrow(/cannot be combined/)
    } finally {
      store.close()
    }
  })
})

describe('buildReportModel', () => {
  it('describes the hardware and finds the profile and its cost', () => {
    expect(model.generatedAt).toBe('2025-06-01T12:00:00.000Z')
    expect(model.hardware).toHaveLength(1)
    expect(model.hardware[0]).toMatchObject({
      fingerprint: 'f00dfeedcafe0001',
      runIds: [ids.bench, ...ids.tools],
      cpu: 'AMD Ryzen 9 9950X (32 cores)',
      ramGiB: 64,
      gpus: [{name: 'NVIDIA GeForce RTX 5090', powerLimitW: 575, powerDrawW: 31}],
      profile: 'rtx5090',
      hardwareCostUsd: 1999,
    })
  })

  it('groups bench runs by model and engine with the stored points and samples', () => {
    expect(model.bench).toHaveLength(1)
    const group = model.bench[0]!
    expect(group).toMatchObject({model: 'qwen3-coder', engine: 'vllm'})
    const run = group.runs[0]!
    expect(run.points.map((p) => [p.label, p.outputThroughput, p.medianTtftMs, p.p99TtftMs])).toEqual(
      benchPoints.map((p) => [`c=${p.concurrency}`, p.throughput, p.ttft, p.p99]),
    )
    // 4 successful requests per point; the failed one is left out.
    expect(run.ttftMs).toHaveLength(12)
    expect(run.ttftMs).not.toContain(99999)
    expect(run.itlMs).toHaveLength(48)
  })

  it('reads tool-calling accuracy overall and per category, in run order', () => {
    expect(model.tools.map((t) => [t.run.id, t.accuracy, t.categories.single?.passed])).toEqual([
      [ids.tools[0], 0.75, 6],
      [ids.tools[1], 0.875, 7],
    ])
  })

  it('prices every bench point with the energy function', () => {
    expect(model.energy).toHaveLength(3)
    const last = benchPoints[2]!
    const expected = energyCost({...options, powerW: 575, outputTokPerS: last.throughput, hardwareCostUsd: 1999})
    expect(model.energy[2]).toMatchObject({
      point: 'c=8',
      powerW: 575,
      powerSource: 'GPU power limit',
      whPerMTok: expected.whPerMTok,
      electricityUsdPerMTok: expected.electricityUsdPerMTok,
      breakEvenMonths: expected.breakEvenMonths,
    })
    expect(model.energyNote).toBeUndefined()
  })

  it('notes when no power is known, and honours the overrides', () => {
    const run: Run = {
      id: 7,
      kind: 'bench',
      status: 'complete',
      startedAt: '2025-01-01T00:00:00Z',
      model: 'm',
      params: {},
      summary: {runs: [{max_concurrency: 2, request_rate: 'inf', output_throughput: 100}]},
    }
    const bare = buildReportModel({runs: [run], samples: () => [], profiles: [], options})
    expect(bare.energy).toEqual([])
    expect(bare.energyNote).toMatch(/--gpu-watts/)
    const given = buildReportModel({
      runs: [run],
      samples: () => [],
      profiles: [],
      options: {...options, gpuWatts: 360, hardwareCostUsd: 0},
    })
    expect(given.energy[0]).toMatchObject({whPerMTok: 1000, powerSource: 'given (--gpu-watts)', breakEvenMonths: 0})
  })
})

describe('helpers', () => {
  it('labels points and sorts them by concurrency then rate', () => {
    expect(pointLabel(4, 'inf')).toBe('c=4')
    expect(pointLabel(null, 2)).toBe('c=∞ @ 2 req/s')
    const {points, micro} = parsePoints({
      runs: [
        {max_concurrency: 8, request_rate: 'inf'},
        {max_concurrency: 1, request_rate: 4},
        {max_concurrency: 1, request_rate: 2},
        {test: 'tg128', tokens_per_s: 50, std_tokens_per_s: 1, repetitions: 3},
      ],
    })
    expect(points.map((p) => p.label)).toEqual(['c=1 @ 2 req/s', 'c=1 @ 4 req/s', 'c=8'])
    expect(micro).toEqual([{test: 'tg128', tokensPerS: 50, stdTokensPerS: 1, repetitions: 3}])
    expect(parsePoints(undefined)).toEqual({points: [], micro: []})
  })

  it('keeps only successful samples with numbers', () => {
    expect(
      latencySamples([
        {runId: 1, idx: 0, ok: true, data: {ttftMs: 10, itlMs: [1, 'x', 2]}},
        {runId: 1, idx: 1, ok: false, data: {ttftMs: 500, itlMs: [9]}},
        {runId: 1, idx: 2, ok: true, data: null},
      ]),
    ).toEqual({ttftMs: [10], itlMs: [1, 2]})
  })

  it('bins values with equal widths, the maximum in the last bin', () => {
    const values = [0, 1, 2, 3, 4, 5, 6, 7, 8]
    const edges = binEdges(values)
    expect(edges).toEqual([0, 8 / 3, 16 / 3, 8])
    expect(histogram(values, edges).counts).toEqual([3, 3, 3])
    expect(binEdges([])).toEqual([])
    expect(histogram([5, 5], binEdges([5, 5])).counts).toEqual([2])
    expect(histogram([1, 100], [0, 10]).counts).toEqual([1])
  })

  it('escapes text for HTML and JSON for a script element', () => {
    expect(escapeHtml(`<b a="1">'&'</b>`)).toBe('&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;')
    const json = scriptJson({t: '</script><!-- \u2028'})
    expect(json).not.toMatch(/[<>\u2028]/)
    expect(JSON.parse(json)).toEqual({t: '</script><!-- \u2028'})
  })
})

describe('sections and HTML', () => {
  it('puts a table with the exact figures under every chart', () => {
    const sections = buildSections(model)
    expect(sections.map((s) => s.id)).toEqual(['hardware', 'bench-1', 'tools', 'energy'])
    const figures = sections.flatMap((s) => s.figures)
    for (const f of figures) expect(f.table.rows.length, f.id).toBeGreaterThan(0)
    const byId = Object.fromEntries(figures.map((f) => [f.id, f]))
    expect(Object.keys(byId).filter((id) => byId[id]?.chart)).toEqual([
      'bench-1-throughput',
      'bench-1-ttft',
      'bench-1-ttft-hist',
      'bench-1-itl-hist',
      'bench-1-tradeoff',
      'tools-categories',
      'tools-history-1',
      'energy-wh',
      'energy-cost',
    ])
    expect(byId['bench-1-throughput']?.table.rows.map((r) => r[2])).toEqual(benchPoints.map((p) => fmt(p.throughput)))
    expect(byId['tools-history-1']?.table.rows.map((r) => r[2])).toEqual(
      toolRuns.map((t) => `${fmt(t.accuracy * 100)}%`),
    )
    const hist = byId['bench-1-ttft-hist']!
    expect(hist.table.rows.reduce((n, r) => n + Number(r[1]), 0)).toBe(12)
  })

  it('escapes stored text and inlines everything', () => {
    const hostile: ReportModel = {
      ...model,
      runs: model.runs.map((r) => ({...r, model: '<img src=x onerror=alert(1)>'})),
    }
    const html = renderHtml(hostile, buildSections(hostile), '/* chart.js */')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i)
    expect(html).toContain("default-src 'none'")
  })
})
