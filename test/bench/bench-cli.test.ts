import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {Store} from '../../src/store/store.js'
import {runCli} from '../support/run-cli.js'

const home = mkdtempSync(join(tmpdir(), 'oac-bench-cli-'))
const env = {OAC_HOME: home}
let sim: RunningSim
let halfBad: RunningSim
beforeAll(async () => {
  sim = await startSim({port: 0, ttftMs: 5, itlMs: 1, prefillTokS: 51_200})
  halfBad = await startSim({
    port: 0,
    ttftMs: 2,
    itlMs: 1,
    script: new URL('../../fixtures/sim/half-errors.yaml', import.meta.url).pathname,
  })
})
afterAll(async () => {
  await sim.close()
  await halfBad.close()
})

const lastRun = () => {
  const store = Store.open(join(home, 'oac.db'))
  try {
    const run = store.listRuns({limit: 1})[0]
    return run ? {run, samples: store.samples(run.id)} : undefined
  } finally {
    store.close()
  }
}

describe('oac bench', () => {
  it('prints exactly one JSON object with a run per sweep point', async () => {
    const {stdout, exitCode} = await runCli(
      [
        'bench',
        '--endpoint',
        sim.url,
        '--model',
        'sim-model',
        '--concurrency',
        '1,4',
        '--num-prompts',
        '8',
        '--input-len',
        '64',
        '--output-len',
        '8',
        '--ignore-eos',
        '--json',
      ],
      {env},
    )
    expect(exitCode).toBe(0)
    const report = JSON.parse(stdout)
    expect(
      report.runs.map((r: {max_concurrency: number; completed: number}) => [r.max_concurrency, r.completed]),
    ).toEqual([
      [1, 8],
      [4, 8],
    ])
    for (const key of [
      'request_throughput',
      'output_throughput',
      'mean_ttft_ms',
      'p99_itl_ms',
      'median_e2el_ms',
      'std_tpot_ms',
    ])
      expect(typeof report.runs[0][key]).toBe('number')
    expect(report.runs[0].total_output_tokens).toBe(64)
    expect(lastRun()?.samples).toHaveLength(16)
  })

  it('prints a readable table and saves the run', async () => {
    const {stdout, exitCode} = await runCli(
      [
        'bench',
        '--endpoint',
        sim.baseUrl,
        '--model',
        'sim-model',
        '--num-prompts',
        '4',
        '--input-len',
        '64',
        '--output-len',
        '4',
        '--slo',
        'ttft=1000',
      ],
      {env},
    )
    expect(exitCode).toBe(0)
    expect(stdout).toMatch(/Successful requests\s+4/)
    expect(stdout).toMatch(/Request goodput \(req\/s\)\s+\d/)
    expect(stdout).toMatch(/TTFT ms\s+[\d.]+\s+[\d.]+/)
    expect(stdout).toMatch(/saved as run \d+ \(complete\)/)
  })

  it('says which endpoint is down, and exits 1', async () => {
    const down = await startSim({port: 0})
    await down.close()
    const {stderr, exitCode} = await runCli(['bench', '--endpoint', down.url, '--model', 'm', '--num-prompts', '2'], {
      env,
    })
    expect(exitCode).toBe(1)
    expect(stderr).toContain(`Cannot connect to ${down.baseUrl}: connection refused`)
  })

  it('names a model the endpoint does not serve, and what it serves', async () => {
    const {stderr, exitCode} = await runCli(
      ['bench', '--endpoint', sim.url, '--model', 'qwen-typo', '--num-prompts', '2'],
      {env},
    )
    expect(exitCode).toBe(1)
    expect(stderr).toContain(`Model \`qwen-typo\` is not served by ${sim.baseUrl}; it serves: sim-model`)
  })

  it('counts failed requests with their errors and keeps the completed ones', async () => {
    const {stdout, exitCode} = await runCli(
      [
        'bench',
        '--endpoint',
        halfBad.url,
        '--model',
        'sim-model',
        '--num-prompts',
        '10',
        '--warmup',
        '0',
        '--input-len',
        '64',
        '--json',
      ],
      {env},
    )
    expect(exitCode).toBe(0)
    const point = JSON.parse(stdout).runs[0]
    expect(point).toMatchObject({completed: 5, failed: 5})
    expect(point.errors).toEqual({
      [`${halfBad.baseUrl} answered HTTP 500: CUDA out of memory. Tried to allocate 2.00 GiB`]: 5,
    })
    const saved = lastRun()
    expect(saved?.samples.filter((s) => s.ok)).toHaveLength(5)
    expect(saved?.samples.filter((s) => !s.ok).map((s) => s.error)).toHaveLength(5)
  })

  it('runs the llama-bench style micro tests', async () => {
    const {stdout, exitCode} = await runCli(
      ['bench', '--endpoint', sim.url, '--model', 'sim-model', '--mode', 'micro', '--json'],
      {env},
    )
    expect(exitCode).toBe(0)
    const [pp, tg] = JSON.parse(stdout).runs
    expect(pp).toMatchObject({test: 'pp512', repetitions: 5})
    expect(tg).toMatchObject({test: 'tg128', repetitions: 5})
    // sim: TTFT = 5 ms + 512 tokens / 51,200 tok/s = 15 ms → ~34k tok/s prefill; 1 ms per token → ~1,000 tok/s decode.
    expect(pp.tokens_per_s).toBeGreaterThan(20_000)
    expect(pp.tokens_per_s).toBeLessThan(36_000)
    expect(tg.tokens_per_s).toBeGreaterThan(700)
    expect(tg.tokens_per_s).toBeLessThan(1050)
  })

  it('rejects bad flag values with what was expected', async () => {
    const {stderr, exitCode} = await runCli(
      ['bench', '--endpoint', sim.url, '--model', 'sim-model', '--concurrency', '0'],
      {env},
    )
    expect(exitCode).toBe(2)
    expect(stderr).toContain('Expected --concurrency to be positive integers separated by commas, got `0`')
    const missing = await runCli(['bench', '--model', 'x'], {env})
    expect(missing.exitCode).toBe(2)
    expect(missing.stderr).toContain('Give --endpoint URL')
  })

  it('stops on Ctrl-C, prints and saves what completed, marked partial', async () => {
    const slow = await startSim({port: 0, ttftMs: 20, itlMs: 20})
    try {
      const child = execa(
        process.execPath,
        [
          '--import',
          'tsx',
          'bin/dev.js',
          'bench',
          '--endpoint',
          slow.url,
          '--model',
          'sim-model',
          '--num-prompts',
          '200',
          '--concurrency',
          '2',
          '--output-len',
          '10',
          '--input-len',
          '64',
          '--json',
        ],
        {
          cwd: new URL('../..', import.meta.url).pathname,
          env: {...env, NO_COLOR: '1'},
          reject: false,
        },
      )
      // Wait until some requests completed, then interrupt.
      for (let i = 0; i < 200; i++) {
        await new Promise((r) => setTimeout(r, 100))
        const saved = lastRun()
        if (saved?.run.status === 'running' && saved.samples.length >= 4) break
      }
      child.kill('SIGINT')
      const result = await child
      expect(result.exitCode).toBe(130)
      const point = JSON.parse(result.stdout).runs[0]
      expect(point.interrupted).toBe(true)
      expect(point.completed).toBeGreaterThanOrEqual(4)
      expect(point.failed).toBe(0)
      const saved = lastRun()
      expect(saved?.run.status).toBe('partial')
      expect(saved?.samples.length).toBe(point.completed)
    } finally {
      await slow.close()
    }
  })
})
