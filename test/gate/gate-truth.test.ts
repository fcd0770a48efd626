import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {type BenchOptions, runBench} from '../../src/bench/run-bench.js'
import {checkRun} from '../../src/gate/check-run.js'
import {runGate} from '../../src/gate/gate.js'
import {defaultLimits} from '../../src/gate/limits.js'
import {startTruthServer, type TruthKnobs, type TruthServer} from '../support/truth-server.js'

// oac gate over real `oac bench` runs of servers whose truth is known (test/support/truth-server.ts): a run where
// half the requests failed, a real decode slowdown without usage, a server that stopped streaming, and runs that
// measured something else are never a pass.

process.env.OAC_HOME = mkdtempSync(join(tmpdir(), 'oac-gate-truth-'))
const servers: TruthServer[] = []
afterAll(async () => {
  for (const s of servers) await s.close()
})

/** One saved bench run (concurrency 4, 8 prompts of 24 tokens) against a truth server with these knobs. */
async function benchRun(knobs: TruthKnobs, over: Partial<BenchOptions> = {}): Promise<number> {
  const server = await startTruthServer({ttftMs: 20, itlMs: 4, outTokens: 24, ...knobs})
  servers.push(server)
  const report = await runBench({
    endpoint: server.url,
    model: 'truth',
    concurrency: [4],
    requestRates: [Number.POSITIVE_INFINITY],
    numPrompts: 8,
    warmup: 0,
    dataset: 'random',
    inputLen: 32,
    outputLen: 24,
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

const gate = (baseline: number, current: number) =>
  checkRun({baseline: String(baseline), current: String(current), allowModelChange: false, allowWorkloadChange: false})

describe('oac gate against ground-truth runs', {timeout: 30_000}, () => {
  it('does not pass a run where half the requests failed (429 every second request)', async () => {
    const good = await benchRun({})
    const half = await benchRun({failEvery: 2})
    const result = gate(good, half)
    expect(result.status).toBe('fail')
    expect(result.checks.find((c) => c.metric === 'failure_rate')).toMatchObject({baseline: 0, current: 0.5, ok: false})
    expect(result.reason).toMatch(/failure_rate .*\+50\.0 pt/)
  })

  it('fails a real decode slowdown measured without usage (TPOT 10 → 20 ms), flagged as estimated', async () => {
    const fast = await benchRun({noUsage: true, chunk: 1, itlMs: 10})
    const slow = await benchRun({noUsage: true, chunk: 1, itlMs: 20})
    const result = gate(fast, slow)
    expect(result.status).toBe('fail')
    const tpot = result.checks.find((c) => c.metric === 'mean_tpot_ms')
    expect(tpot).toMatchObject({ok: false, estimated: true})
    // The truth is +100%; a loaded box blurs it, never down to a pass.
    expect(tpot?.change).toBeGreaterThan(40)
  })

  it('refuses to compare token figures counted from usage with estimated ones (exit 2)', async () => {
    const measured = await benchRun({})
    const estimated = await benchRun({noUsage: true})
    const result = gate(measured, estimated)
    expect(result.status).toBe('error')
    expect(result.reason).toMatch(/tokens usage → estimated/)
  })

  it('refuses a TPOT that became n/a (the server now flushes each reply in one chunk)', async () => {
    const streamed = await benchRun({})
    const oneChunk = await benchRun({oneChunk: true})
    const result = gate(streamed, oneChunk)
    expect(result.status).toBe('error')
    expect(result.reason).toMatch(/mean_tpot_ms at concurrency=4 rate=inf is n\/a in the current run/)
  })

  it('refuses runs of another number of prompts: 4 prompts is not a −50% throughput regression', async () => {
    const full = await benchRun({})
    const fewer = await benchRun({}, {numPrompts: 4})
    const result = gate(full, fewer)
    expect(result.status).toBe('error')
    expect(result.reason).toMatch(/numPrompts 8 → 4/)
  })
})

describe('runGate like with like', () => {
  const summary = {runs: [{max_concurrency: 1, request_rate: 'inf', output_throughput: 100, completed: 8, failed: 0}]}
  const baseline = {oacBaseline: 1 as const, kind: 'bench', model: 'm', params: {}, summary, runId: 1}

  it('refuses a run measured on other hardware unless --allow-hardware-change', () => {
    const current = {id: 2, kind: 'bench', model: 'm', params: {}, summary, hardwareFingerprint: 'cpu-b'}
    const other = {...baseline, hardwareFingerprint: 'cpu-a'}
    expect(runGate(other, current, {limits: defaultLimits})).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/other hardware \(cpu-b\) than baseline run 1 \(cpu-a\)/),
    })
    expect(runGate(other, current, {limits: defaultLimits, allowHardwareChange: true}).status).toBe('pass')
  })

  it('refuses tool-calling runs with other retries or repeats, and a narrower selection of the suite', () => {
    const tools = {overall: {accuracy: 0.5, attempts: 10, request_errors: 0}, categories: {}}
    const base = {...baseline, kind: 'eval-tool-calling', params: {mode: 'native'}, summary: tools}
    const retried = {
      id: 2,
      kind: 'eval-tool-calling',
      model: 'm',
      params: {mode: 'native', retryOnError: 1},
      summary: tools,
    }
    expect(runGate(base, retried, {limits: defaultLimits}).reason).toMatch(/retryOnError \(default\) → 1/)
    const scope = (selection: string | null) => ({
      dataset: 'suite',
      dataset_size: 237,
      covered: selection ? 25 : 237,
      selection,
      requests: 25,
      failed: 0,
      repeat: 1,
      retries: 0,
      tokens: 'usage',
      interrupted: false,
    })
    const narrow = {...retried, params: {mode: 'native'}, summary: {...tools, scope: scope('--category irrelevance')}}
    const all = {...base, summary: {...tools, scope: scope(null)}}
    expect(runGate(all, narrow, {limits: defaultLimits}).reason).toMatch(/selection none → --category irrelevance/)
  })
})
