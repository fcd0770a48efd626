import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type BenchOptions, type BenchPoint, runBench} from '../../src/bench/run-bench.js'
import {Store} from '../../src/store/store.js'
import {settle} from '../support/settle.js'
import {startSimProcess} from '../support/sim-process.js'

// oac bench against `oac sim --ttft-ms 150 --itl-ms 12 --tokens-per-chunk 3` in its own process: the figures
// must land within 3% of the settings, and the token totals must be the server's usage, exactly.

process.env.OAC_HOME = mkdtempSync(join(tmpdir(), 'oac-bench-'))
let sim: Awaited<ReturnType<typeof startSimProcess>>
beforeAll(async () => {
  sim = await startSimProcess(['--ttft-ms', '150', '--itl-ms', '12', '--tokens-per-chunk', '3'])
}, 30_000)
afterAll(async () => {
  await sim.stop()
})

const options = (concurrency: number, numPrompts: number): BenchOptions => ({
  endpoint: sim.url,
  model: 'sim-model',
  concurrency: [concurrency],
  requestRates: [Number.POSITIVE_INFINITY],
  numPrompts,
  dataset: 'random',
  inputLen: 256,
  // 25 tokens: the first alone, then 8 chunks of 3, the last ready 24 × 12 ms after the first.
  outputLen: 25,
  outputLenSet: true,
  ignoreEos: true,
  mode: 'serve',
  save: true,
  seed: 3,
  signal: new AbortController().signal,
})

describe('bench figures against oac sim', () => {
  it.each([
    [1, 32],
    [32, 96],
  ])(
    'concurrency %i over %i requests: TTFT, TPOT and ITL within three percent, tokens from usage',
    async (concurrency, n) => {
      const within = (value: number, target: number) => Math.abs(value - target) / target < 0.03
      const run = async () => {
        const report = await runBench(options(concurrency, n))
        const p = report.runs[0] as BenchPoint
        const figures = {mean_ttft_ms: p.mean_ttft_ms, mean_tpot_ms: p.mean_tpot_ms, mean_itl_ms: p.mean_itl_ms}
        // Logged by settle(): the figures, not the whole report.
        return {report, point: p, toJSON: () => figures}
      }
      const {report, point} = await settle(
        `concurrency ${concurrency}`,
        run,
        (r) =>
          within(r.point.mean_ttft_ms, 150) &&
          within(r.point.mean_tpot_ms ?? 0, 12) &&
          within(r.point.mean_itl_ms ?? 0, 36),
      )
      expect(point).toMatchObject({
        completed: n,
        failed: 0,
        max_concurrency: concurrency,
        request_rate: 'inf',
        output_tokens_source: 'usage',
      })
      expect(Math.abs(point.mean_ttft_ms - 150) / 150).toBeLessThan(0.03)
      expect(Math.abs((point.mean_tpot_ms ?? 0) - 12) / 12).toBeLessThan(0.03)
      expect(Math.abs((point.mean_itl_ms ?? 0) - 36) / 36).toBeLessThan(0.03)
      expect(point.total_input_tokens).toBe(256 * n)
      // The store holds every request's usage; the report's total is their exact sum.
      const store = Store.open()
      try {
        const samples = store.samples(report.runId as number)
        expect(samples).toHaveLength(n)
        const usage = samples.reduce((s, x) => s + (x.data as {outputTokens: number}).outputTokens, 0)
        expect(point.total_output_tokens).toBe(usage)
        expect(usage).toBe(25 * n)
        expect(store.getRun(report.runId as number)).toMatchObject({
          kind: 'bench',
          status: 'complete',
          model: 'sim-model',
        })
      } finally {
        store.close()
      }
    },
    180_000,
  )
})
