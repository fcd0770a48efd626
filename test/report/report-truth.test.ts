import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type BenchOptions, runBench} from '../../src/bench/run-bench.js'
import {buildReportModel} from '../../src/report/build-model.js'
import type {Figure} from '../../src/report/chart-kit.js'
import {buildSections} from '../../src/report/figures.js'
import {Store} from '../../src/store/store.js'
import {startTruthServer, type TruthKnobs, type TruthServer} from '../support/truth-server.js'

// oac report over real `oac bench` runs against the ground-truth server (test/support/truth-server.ts): what could
// not be measured reads n/a, what rests on estimated token counts is marked, failures are shown, and TTFT (first
// token of any kind) has the first answer token beside it.

process.env.OAC_HOME = mkdtempSync(join(tmpdir(), 'oac-report-truth-'))
const servers: TruthServer[] = []
afterAll(async () => {
  for (const s of servers) await s.close()
})

/** One saved bench run (concurrency 2, 6 random prompts of 32 tokens, 16 out) against a truth server with these knobs. */
async function benchRun(knobs: TruthKnobs, over: Partial<BenchOptions> = {}): Promise<void> {
  const server = await startTruthServer({ttftMs: 20, itlMs: 5, outTokens: 16, ...knobs})
  servers.push(server)
  await runBench({
    endpoint: server.url,
    model: 'truth',
    concurrency: [2],
    requestRates: [Number.POSITIVE_INFINITY],
    numPrompts: 6,
    warmup: 0,
    dataset: 'random',
    inputLen: 32,
    outputLen: 16,
    outputLenSet: true,
    ignoreEos: true,
    mode: 'serve',
    save: true,
    seed: 1,
    signal: new AbortController().signal,
    ...over,
  })
}

/** Run number → that run's row of a table, for the bench section's figure whose id ends with `suffix`. */
let figures: Figure[] = []
const rowOf = (suffix: string, run: number) =>
  figures.find((f) => f.id.endsWith(suffix))?.table.rows.find((r) => r[0] === `#${run}`) ?? []

beforeAll(async () => {
  await benchRun({}) // #1 the reference: usage, streamed
  await benchRun({oneChunk: true}) // #2
  await benchRun({noUsage: true, chunk: 1}) // #3
  await benchRun({failEvery: 2}) // #4
  await benchRun({reasonTokens: 10, chunk: 1, itlMs: 20}) // #5
  const store = Store.open()
  try {
    const options = {electricityPrice: 0.3, cloudPrice: 3, hoursPerDay: 8}
    const model = buildReportModel({runs: store.listRuns(), samples: (id) => store.samples(id), profiles: [], options})
    figures = buildSections(model).flatMap((s) => s.figures)
  } finally {
    store.close()
  }
}, 60_000)

describe('oac report over ground-truth bench runs', () => {
  it('columns say what TTFT and ITL are', () => {
    expect(figures.find((f) => f.id.endsWith('-ttft'))?.table.columns).toEqual([
      'Run',
      'Point',
      'Median TTFT (ms)',
      'Median content TTFT (ms)',
      'P99 TTFT (ms)',
      'Mean TPOT (ms)',
      'Median ITL per chunk (ms)',
    ])
  })

  it('replies in one chunk: TPOT and ITL are n/a, not 0', () => {
    expect(rowOf('-ttft', 2).slice(5)).toEqual(['n/a', 'n/a'])
    expect(Number(rowOf('-ttft', 1)[5])).toBeGreaterThan(4)
  })

  it('no usage: throughput and TPOT are marked estimated, and the streamed reference is not', () => {
    expect(rowOf('-throughput', 3)[2]).toMatch(/^\d+\.\d \(est\.\)$/)
    expect(rowOf('-ttft', 3)[5]).toMatch(/^\d+\.\d+ \(est\.\)$/)
    expect(rowOf('-throughput', 1)[2]).not.toMatch(/est/)
  })

  it('429 on every second request: 3 completed and 3 failed are shown', () => {
    expect(rowOf('-throughput', 4).slice(4)).toEqual(['3', '3'])
  })

  it('reasoning first: content TTFT (the 11th token, 20 + 10 × 20 ms) is beside TTFT (20 ms)', () => {
    const [ttft, content] = rowOf('-ttft', 5).slice(2, 4).map(Number)
    expect(content).toBeGreaterThan(200)
    // 200 ms apart at the server; a loaded box delays both, never the first alone by that much.
    expect(content).toBeGreaterThan((ttft ?? 0) + 100)
  })
})
