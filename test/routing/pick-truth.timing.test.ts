import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {type BenchOptions, runBench} from '../../src/bench/run-bench.js'
import {runToolCallingEval} from '../../src/evals/tool-calling/run-eval.js'
import {routePick} from '../../src/routing/pick/route-pick.js'
import {settle} from '../support/settle.js'
import {startTruthProcess, startTruthServer, type TruthKnobs, type TruthServer} from '../support/truth-server.js'

// oac route pick over real `oac bench` runs of the coding set against the ground-truth server
// (test/support/truth-server.ts), whose TTFT grows with the prompt as a real prefill does, or which flushes each
// reply in one chunk, or sends no usage. What route pick ranks on must be the run that covered the whole coding set.
// The server runs in its own process, so the client's work cannot delay its clock.

process.env.OAC_HOME = mkdtempSync(join(tmpdir(), 'oac-pick-truth-'))
const servers: TruthServer[] = []
afterAll(async () => {
  for (const s of servers) await s.close()
})

async function truth(knobs: TruthKnobs): Promise<TruthServer> {
  const server = await startTruthProcess({ttftMs: 10, itlMs: 4, outTokens: 8, ...knobs})
  servers.push(server)
  return server
}

/** One saved bench of the coding set at concurrency 1 (the whole set of 24 unless `numPrompts` says otherwise). */
async function benchCoding(server: TruthServer, over: Partial<BenchOptions> = {}): Promise<number> {
  const report = await runBench({
    endpoint: server.url,
    model: 'truth',
    concurrency: [1],
    requestRates: [Number.POSITIVE_INFINITY],
    numPrompts: 24,
    warmup: 0,
    dataset: 'coding',
    inputLen: 0,
    outputLen: 8,
    outputLenSet: true,
    ignoreEos: true,
    mode: 'serve',
    save: true,
    seed: 1,
    signal: new AbortController().signal,
    ...over,
  })
  return report.runId as number
}

type Row = {candidate: string; figures: Record<string, number | null>; excludedBy?: string; estimated?: string[]}
async function pickFor(server: TruthServer, policy = {}) {
  const result = await routePick({policy})
  const id = `truth@${server.url}/v1`
  const rowOf = (taskClass: string) =>
    result.classes.find((c) => c.taskClass === taskClass)?.ranking.find((r) => r.candidate === id) as Row | undefined
  return {agent: rowOf('agent'), fast: rowOf('fast'), candidate: result.candidates.find((c) => c.id === id)}
}

describe('route pick against ground-truth bench runs of the coding set', {timeout: 120_000}, () => {
  it('row 7: p90 TTFT with prefill-dependent TTFT comes from the whole set, not a later run of its first prompts', async () => {
    // 10 ms + prompt tokens / 60,000 per second: the set's 32k-token prompts take ~0.5 s, its first ones far less.
    const server = await truth({prefillTokS: 60_000})
    const whole = await benchCoding(server)
    const few = await benchCoding(server, {numPrompts: 4})
    const {agent, candidate} = await pickFor(server)
    const p90 = agent?.figures.coding_p90_ttft_ms ?? 0
    expect(candidate?.codingP90TtftMs?.runId).toBe(whole)
    expect(p90).toBeGreaterThan(250)
    expect(candidate?.ignored).toContainEqual({
      runId: few,
      reason: expect.stringMatching(/^speed at concurrency 1 covers 4 of 24 items of coding/),
    })
    // A ceiling between the two: the whole set is over it, so the candidate is out, as the truth says.
    const strict = await pickFor(server, {maxCodingP90TtftMs: 200})
    expect(strict.agent?.figures.coding_p90_ttft_ms).toBe(p90)
    expect(strict.candidate?.codingP90TtftMs?.runId).toBe(whole)
  })

  it('row 6: replies flushed in one chunk have no decode speed: not measured, never above the floor', async () => {
    const server = await truth({oneChunk: true, itlMs: 25})
    const run = await benchCoding(server)
    const {agent, fast, candidate} = await pickFor(server)
    expect(candidate?.decodeTokS).toBeUndefined()
    expect(candidate?.decodeNotMeasured).toMatchObject({runId: run})
    expect(agent?.figures.decode_tok_s).toBeNull()
    expect(agent?.excludedBy).toMatch(/^decode speed not measured \(run #\d+: no reply streamed in two or more chunks/)
    expect(fast?.figures.decode_tok_s).toBeNull()
  })

  it('row 5: without usage, one token per chunk, decode speed is the truth within 10% and marked estimated', async () => {
    // 10 ms a token: 100 tok/s. Counting each one-token chunk alone gave about twice that.
    const server = await truth({noUsage: true, chunk: 1, itlMs: 10, outTokens: 32})
    const within = (decode: number | null | undefined) => Math.abs((decode ?? 0) - 100) / 100 <= 0.1
    // Each attempt is a newer whole-set run, which is the one route pick takes.
    const {agent, candidate} = await settle(
      'decode without usage',
      async () => {
        await benchCoding(server, {outputLen: 32})
        const picked = await pickFor(server)
        return {...picked, toJSON: () => picked.agent?.figures}
      },
      (r) => within(r.agent?.figures.decode_tok_s),
    )
    expect(within(agent?.figures.decode_tok_s)).toBe(true)
    expect(candidate?.decodeTokS?.estimated).toBe(true)
  })

  it("an unregistered URL whose engine changed: the older engine's bench is not mixed with the newer one's eval", async () => {
    // In process: the knobs are read at each request, so the same URL can answer as vLLM, then as llama.cpp.
    const knobs: TruthKnobs = {ttftMs: 10, itlMs: 4, outTokens: 8, ownedBy: 'vllm'}
    const server = await startTruthServer(knobs)
    servers.push(server)
    const bench = await benchCoding(server)
    knobs.ownedBy = 'llamacpp'
    const bfcl = new URL('../../fixtures/bfcl/BFCL_v3_sample.json', import.meta.url).pathname
    await runToolCallingEval({
      endpoint: server.url,
      model: 'truth',
      mode: 'native',
      repeat: 1,
      concurrency: 2,
      retryOnError: 0,
      importSpec: `bfcl:${bfcl}`,
      save: true,
      signal: new AbortController().signal,
    })
    const {candidate, agent} = await pickFor(server)
    expect(candidate?.engine).toBe('llamacpp')
    expect(candidate?.toolAccuracy?.dataset).toBe(`bfcl:${bfcl}`)
    expect(candidate?.ignored).toContainEqual({
      runId: bench,
      reason: 'measured with engine vllm; the endpoint last ran llamacpp',
    })
    expect(agent?.figures.decode_tok_s).toBeNull()
  })
})
