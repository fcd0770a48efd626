import {afterEach, describe, expect, it} from 'vitest'
import type {MicroResult} from '../../src/bench/micro.js'
import {renderBench} from '../../src/bench/render.js'
import {type BenchOptions, type BenchPoint, runBench} from '../../src/bench/run-bench.js'
import {settle} from '../support/settle.js'
import {startTruthProcess, type TruthKnobs, type TruthServer} from '../support/truth-server.js'

// oac bench against a server whose timing and counts are known exactly (test/support/truth-server.ts): every figure
// is compared with the truth, for each shape real engines send. Tolerances allow a loaded box; the errors these
// tests catch were 50% and more (TPOT halved by per-chunk token counts, a decode speed of 200,000 tok/s).

let server: TruthServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function bench(knobs: TruthKnobs, over: Partial<BenchOptions> = {}) {
  await server?.close()
  server = await startTruthProcess(knobs)
  const report = await runBench({
    endpoint: server.url,
    model: 'truth',
    concurrency: [8],
    requestRates: [Number.POSITIVE_INFINITY],
    numPrompts: 8,
    // One warm-up per slot, as by default: connections open and the tokenizer loaded before anything is timed.
    dataset: 'random',
    inputLen: 64,
    outputLen: 32,
    outputLenSet: true,
    ignoreEos: true,
    mode: 'serve',
    save: false,
    seed: 1,
    signal: new AbortController().signal,
    ...over,
  })
  const point = report.runs[0] as BenchPoint
  // settle() logs each attempt: the figures compared, not the whole report.
  const figures = {ttft: point.mean_ttft_ms, contentTtft: point.mean_content_ttft_ms, tpot: point.mean_tpot_ms}
  return {report, point, text: renderBench(report), toJSON: () => figures}
}

const near = (value: number | null | undefined, truth: number, share = 0.1) =>
  value !== null && value !== undefined && Math.abs(value - truth) / truth <= share

describe('bench figures against the ground-truth server', {timeout: 30_000}, () => {
  it('without usage, one token per chunk: tokens counted on the whole reply, TPOT within 10% of the truth', async () => {
    const {point, text} = await settle(
      'no usage',
      () => bench({noUsage: true, chunk: 1, ttftMs: 100, itlMs: 12}),
      (r) => near(r.point.mean_tpot_ms, 12),
    )
    expect(point.output_tokens_source).toBe('estimated')
    // 8 replies of 32 tokens "x ": counted whole, not chunk by chunk (which gave twice as many).
    expect(near(point.total_output_tokens, 8 * 32)).toBe(true)
    expect(near(point.mean_tpot_ms, 12)).toBe(true)
    expect(point.tokenizer).toMatch(/approximation/)
    expect(text).toMatch(/Output token throughput \(tok\/s\) \(estimated\)/)
    expect(text).toMatch(/tokens estimated .* cl100k_base/)
  })

  it('a reply flushed in one chunk has no TPOT, ITL or decode speed: n/a, not ~0 ms', async () => {
    const {point, text} = await bench({oneChunk: true, ttftMs: 50, itlMs: 10})
    expect(point.completed).toBe(8)
    expect(point).toMatchObject({decode_measured: 0, mean_tpot_ms: null, median_tpot_ms: null, mean_itl_ms: null})
    expect(text).toMatch(/TPOT over 0 of 8 requests: n\/a/)
    expect(text).toMatch(/TPOT ms\s+n\/a/)
  })

  it('micro tg128 against one-chunk replies: no decode speed, and the real n_gen', async () => {
    const {report, text} = await bench({oneChunk: true, ttftMs: 20, itlMs: 2, outTokens: 64}, {mode: 'micro'})
    const tg = report.runs.find((r) => 'test' in r && r.test === 'tg128') as MicroResult
    expect(tg).toMatchObject({avg_ts: null, n_gen: 64})
    expect(tg.note).toMatch(/asked 128 tokens, the server generated 64/)
    expect(text).toMatch(/tg128\s+n\/a tok\/s/)
  })

  it('reasoning first: TTFT is the first token of any kind, content TTFT the first answer token, both printed', async () => {
    const {point, text} = await settle(
      'reasoning first',
      () => bench({reasonTokens: 20, ttftMs: 100, itlMs: 10, chunk: 1}),
      (r) => near(r.point.mean_ttft_ms, 100, 0.15) && near(r.point.mean_content_ttft_ms, 300),
    )
    expect(near(point.mean_ttft_ms, 100, 0.15)).toBe(true)
    // The first content token is token 21: 100 + 20 × 10 ms.
    expect(near(point.mean_content_ttft_ms, 300, 0.1)).toBe(true)
    expect(text).toMatch(/content TTFT ms/)
    expect(text).toMatch(/TTFT: request sent → first token of any kind/)
    expect(text).toMatch(/ITL: gap between received chunks .* per chunk, not per token/)
  })

  it('a server that answers one JSON body instead of a stream: completed, timed end to end, no TPOT', async () => {
    const {point, text} = await bench({noStream: true, ttftMs: 50, itlMs: 5})
    expect(point).toMatchObject({completed: 8, failed: 0, non_streamed: 8, decode_measured: 0, mean_tpot_ms: null})
    // The whole reply: 50 + 31 × 5 ms.
    expect(near(point.mean_e2el_ms, 205, 0.15)).toBe(true)
    expect(text).toMatch(/8 replies came as one JSON body, not a stream/)
  })

  it('429 on every second request: half failed, the failure rate and the achieved request rate printed', async () => {
    const {point, text} = await bench({failEvery: 2, ttftMs: 20, itlMs: 2}, {concurrency: [1], requestRates: [50]})
    expect(point).toMatchObject({completed: 4, failed: 4})
    expect(text).toMatch(/Failed requests\s+4 \(50\.0% of 8\)/)
    expect(point.achieved_request_rate).toBeGreaterThan(0)
    expect(text).toMatch(/Request rate asked \/ achieved \(req\/s\)\s+50 req\/s \/ \d+\.\d\d/)
  })
})
