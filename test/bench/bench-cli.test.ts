import {existsSync, mkdtempSync, readdirSync, readFileSync} from 'node:fs'
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
    // Benched by URL without --engine: the run still says which engine served it (the sim, not the vLLM it imitates).
    expect(lastRun()?.run.engine).toBe('sim')
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
    // llama-bench's JSON field names (`llama-bench -o json`): pp512 is n_prompt 512 / n_gen 0, tg128 the reverse.
    expect(pp).toMatchObject({test: 'pp512', repetitions: 5, n_prompt: 512, n_gen: 0, n_depth: 0})
    expect(tg).toMatchObject({test: 'tg128', repetitions: 5, n_prompt: 0, n_gen: 128, n_depth: 0})
    for (const r of [pp, tg]) {
      expect(r.samples_ts).toHaveLength(5)
      expect(r.samples_ns).toHaveLength(5)
      expect(r.test_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      expect(r.avg_ts).toBeCloseTo(r.samples_ts.reduce((a: number, b: number) => a + b, 0) / 5, 6)
      expect(typeof r.stddev_ts).toBe('number')
      expect(Number.isInteger(r.avg_ns) && Number.isInteger(r.stddev_ns)).toBe(true)
    }
    // samples_ns and samples_ts describe the same repetitions: tokens / seconds.
    expect(512 / (pp.samples_ns[0] / 1e9)).toBeCloseTo(pp.samples_ts[0], -2)
    // sim: TTFT = 5 ms + 512 tokens / 51,200 tok/s = 15 ms → ~34k tok/s prefill; 1 ms per token → ~1,000 tok/s decode.
    // pp cannot read above 34.1k: the client's clock starts before the sim's. Everything else moves with the box's
    // load, which delays when the client sees a chunk by several ms: a large share of a 15 ms TTFT, a few percent of
    // a 127 ms decode. The bounds check units (tokens per second, not per millisecond) and that pp is timed by TTFT
    // and tg by decode; the timing project checks precision on an idle box.
    expect(pp.avg_ts).toBeGreaterThan(10_000)
    expect(pp.avg_ts).toBeLessThan(34_200)
    expect(tg.avg_ts).toBeGreaterThan(500)
    expect(tg.avg_ts).toBeLessThan(1300)
  })

  it('writes one vLLM `bench serve --save-result` file per sweep point, with per-request lists on --save-detailed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oac-vllm-results-'))
    const args = ['bench', '--endpoint', sim.url, '--model', 'sim-model', '--concurrency', '1,2', '--num-prompts', '4']
    const common = ['--input-len', '64', '--output-len', '6', '--ignore-eos', '--no-save', '--save-result']
    const detailed = await runCli([...args, ...common, '--result-dir', dir, '--save-detailed', '--json'], {env})
    expect(detailed.exitCode).toBe(0)
    const files = readdirSync(dir).sort()
    // vLLM's name: {backend}-{request_rate}qps-concurrency{N}-{model base name}-{%Y%m%d-%H%M%S}.json
    expect(files.map((f) => f.replace(/\d{8}-\d{6}/, 'DATE'))).toEqual([
      'openai-chat-infqps-concurrency1-sim-model-DATE.json',
      'openai-chat-infqps-concurrency2-sim-model-DATE.json',
    ])
    expect(JSON.parse(detailed.stdout).resultFiles).toEqual(files.map((f) => join(dir, f)))
    const r = JSON.parse(readFileSync(join(dir, files[1] as string), 'utf8'))
    expect(Object.keys(r).slice(0, 19)).toEqual([
      'date',
      'endpoint_type',
      'backend',
      'label',
      'model_id',
      'tokenizer_id',
      'num_prompts',
      'request_rate',
      'burstiness',
      'max_concurrency',
      'duration',
      'completed',
      'failed',
      'total_input_tokens',
      'total_output_tokens',
      'request_throughput',
      'request_goodput',
      'output_throughput',
      'total_token_throughput',
    ])
    expect(r).toMatchObject({
      endpoint_type: 'openai-chat',
      backend: 'openai-chat',
      model_id: 'sim-model',
      tokenizer_id: 'sim-model',
      num_prompts: 4,
      request_rate: 'inf',
      burstiness: 1,
      max_concurrency: 2,
      completed: 4,
      request_goodput: null,
      total_output_tokens: 24,
    })
    expect(r.date).toMatch(/^\d{8}-\d{6}$/)
    for (const k of ['ttft', 'tpot', 'itl', 'e2el'])
      for (const stat of ['mean', 'median', 'std', 'p99']) expect(typeof r[`${stat}_${k}_ms`]).toBe('number')
    // Per request, in seconds as vLLM stores them: sim's TTFT is 5 ms (+ prefill), each of 5 gaps 1 ms.
    expect(r.input_lens).toHaveLength(4)
    expect(r.output_lens).toEqual([6, 6, 6, 6])
    expect(r.errors).toEqual(['', '', '', ''])
    for (const t of r.ttfts) expect(t).toBeGreaterThan(0.004)
    for (const t of r.ttfts) expect(t).toBeLessThan(0.5)
    expect(r.itls.map((l: number[]) => l.length)).toEqual([5, 5, 5, 5])
    expect(r.mean_ttft_ms).toBeCloseTo((r.ttfts.reduce((a: number, b: number) => a + b, 0) / 4) * 1000, 6)

    const plain = await runCli([...args, ...common, '--result-dir', dir, '--result-filename', 'run.json'], {env})
    expect(plain.exitCode).toBe(0)
    const one = JSON.parse(readFileSync(join(dir, 'run-1.json'), 'utf8'))
    expect(one.max_concurrency).toBe(1)
    for (const k of ['input_lens', 'output_lens', 'ttfts', 'itls', 'errors']) expect(one).not.toHaveProperty(k)
    expect(existsSync(join(dir, 'run-2.json'))).toBe(true)

    const orphan = await runCli([...args, '--result-dir', dir], {env})
    expect(orphan.exitCode).toBe(2)
    expect(orphan.stderr).toContain('--result-dir needs --save-result')
  }, 90_000)

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
