import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {GateResult} from '../../src/gate/types.js'
import {Store} from '../../src/store/store.js'
import type {RunKind, RunStatus} from '../../src/store/types.js'
import {runCli} from '../support/run-cli.js'

const home = mkdtempSync(join(tmpdir(), 'oac-gate-cli-'))
const env = {OAC_HOME: home}
const gate = (...args: string[]) => runCli(['gate', ...args], {env})

const point = (concurrency: number, throughput: number, ttft: number, tpot: number) => ({
  model: 'qwen3-coder',
  max_concurrency: concurrency,
  request_rate: 'inf',
  output_throughput: throughput,
  p99_ttft_ms: ttft,
  mean_tpot_ms: tpot,
})
const bench = (scale: {throughput?: number; ttft?: number} = {}) => ({
  runs: [
    point(1, 100 * (scale.throughput ?? 1), 50 * (scale.ttft ?? 1), 10),
    point(8, 600 * (scale.throughput ?? 1), 120 * (scale.ttft ?? 1), 14),
  ],
})
const tools = (overall: number, single: number, parallel: number) => ({
  overall: {accuracy: overall},
  categories: {single: {accuracy: single}, parallel: {accuracy: parallel}},
})

const ids: Record<string, number> = {}
beforeAll(() => {
  const store = Store.open(join(home, 'oac.db'))
  const add = (name: string, kind: RunKind, model: string, status: Exclude<RunStatus, 'running'>, summary: unknown) => {
    ids[name] = store.startRun({kind, model, params: {concurrency: [1, 8], inputLen: 1024}})
    store.finishRun(ids[name], status, summary)
  }
  add('baseline', 'bench', 'qwen3-coder', 'complete', bench())
  add('otherModel', 'bench', 'llama-3.3', 'complete', bench())
  add('regressed', 'bench', 'qwen3-coder', 'complete', bench({throughput: 0.8, ttft: 1.25}))
  add('good', 'bench', 'qwen3-coder', 'complete', bench({throughput: 0.98, ttft: 1.05}))
  add('partial', 'bench', 'qwen3-coder', 'partial', bench({throughput: 0.5}))
  add('tools', 'eval-tool-calling', 'qwen3-coder', 'complete', tools(0.8, 0.9, 0.7))
  add('swe', 'eval-swe', 'qwen3-coder', 'complete', {resolved: 3})
  store.close()
})

const json = (stdout: string) => JSON.parse(stdout) as GateResult

// Each case starts oac from the sources (about 1.5 s); some start several.
describe('oac gate', {timeout: 60_000}, () => {
  it('passes against the newest complete run of the baseline kind by default (exit 0)', async () => {
    const {exitCode, stdout, stderr} = await gate('--baseline', String(ids.baseline))
    expect(exitCode).toBe(0)
    expect(stdout).toMatch(/output_throughput +concurrency=8 rate=inf +600\.0 +588\.0 +-2\.0% +>= -5% +ok/)
    expect(stderr.trim()).toBe(
      `oac gate: PASS: all 6 checks within limits (run ${ids.good} vs baseline run ${ids.baseline})`,
    )
  })

  it('fails on a regression (exit 1) and writes JSON, JUnit XML and Markdown', async () => {
    const junit = join(home, 'reports', 'gate.xml')
    const markdown = join(home, 'reports', 'gate.md')
    const {exitCode, stdout, stderr} = await gate(
      ...['--baseline', String(ids.baseline), '--current', String(ids.regressed), '--json'],
      ...['--junit', junit, '--markdown', markdown],
    )
    expect(exitCode).toBe(1)
    const result = json(stdout)
    expect(result.status).toBe('fail')
    expect(result.checks).toHaveLength(6)
    expect(result.checks.filter((c) => !c.ok).map((c) => [c.metric, c.point, c.change])).toEqual([
      ['output_throughput', 'concurrency=1 rate=inf', -20],
      ['p99_ttft_ms', 'concurrency=1 rate=inf', 25],
      ['output_throughput', 'concurrency=8 rate=inf', -20],
      ['p99_ttft_ms', 'concurrency=8 rate=inf', 25],
    ])
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toContain('oac gate: FAIL: 4 of 6 checks regressed')
    const xml = readFileSync(junit, 'utf8')
    expect(xml).toContain('tests="6" failures="4" errors="0"')
    expect(xml.match(/<failure /g)).toHaveLength(4)
    const md = readFileSync(markdown, 'utf8')
    expect(md).toContain('### ❌ oac gate: FAIL')
    expect(md).toContain(
      '| p99_ttft_ms | concurrency=8 rate=inf | 120.0 | 150.0 | +25.0% | &lt;= +10% | ❌ regression |',
    )
  })

  it('takes --max-drop overrides', async () => {
    const {exitCode} = await gate(
      ...['--baseline', String(ids.baseline), '--current', String(ids.regressed)],
      ...['--max-drop', 'output_throughput=20', '--max-drop', 'p99_ttft_ms=25'],
    )
    expect(exitCode).toBe(0)
  })

  it('exports a baseline file that gates like the run it came from', async () => {
    const exported = await gate('--export', String(ids.baseline))
    expect(exported.exitCode).toBe(0)
    const baseline = JSON.parse(exported.stdout)
    expect(baseline).toMatchObject({
      oacBaseline: 1,
      kind: 'bench',
      model: 'qwen3-coder',
      params: {concurrency: [1, 8], inputLen: 1024},
      summary: bench(),
      oacVersion: '0.1.0',
      runId: ids.baseline,
    })
    const file = join(home, 'baseline.json')
    writeFileSync(file, exported.stdout)
    const pass = await gate('--baseline', file, '--current', 'last', '--json')
    expect(pass.exitCode).toBe(0)
    expect(json(pass.stdout).reason).toBe(
      `all 6 checks within limits (run ${ids.good} vs baseline run ${ids.baseline})`,
    )
    const fail = await gate('--baseline', file, '--current', String(ids.regressed))
    expect(fail.exitCode).toBe(1)
  })

  it('exports `last`: the newest complete run of a kind it can gate', async () => {
    const {exitCode, stdout} = await gate('--export', 'last')
    expect(exitCode).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({kind: 'eval-swe', runId: ids.swe})
  })

  it('gates tool-calling accuracy in points, overall and per category', async () => {
    const file = join(home, 'tools-baseline.json')
    writeFileSync(
      file,
      JSON.stringify({kind: 'eval-tool-calling', model: 'qwen3-coder', summary: tools(0.81, 0.95, 0.7)}),
    )
    const fail = await gate('--baseline', file, '--json')
    expect(fail.exitCode).toBe(1)
    const result = json(fail.stdout)
    expect(result.checks.map((c) => [c.point ?? 'overall', c.ok])).toEqual([
      ['overall', true],
      ['single', false],
      ['parallel', true],
    ])
    const pass = await gate('--baseline', file, '--max-drop', 'accuracy=5')
    expect(pass.exitCode).toBe(0)
  })

  const expectCannotCompare = async (cases: [string[], RegExp][]) => {
    const results = await Promise.all(cases.map(([args]) => gate(...args, '--json')))
    for (const [i, {exitCode, stdout, stderr}] of results.entries()) {
      const [args, reason] = cases[i]!
      expect(exitCode, args.join(' ')).toBe(2)
      expect(stderr.trim().split('\n'), args.join(' ')).toHaveLength(1)
      expect(stderr, args.join(' ')).toMatch(reason)
      expect(json(stdout)).toMatchObject({status: 'error', checks: []})
    }
  }

  it('cannot compare (exit 2) a missing run, another kind or model, or an unfinished run', async () => {
    await expectCannotCompare([
      [['--baseline', '999'], /no run 999 in the results store/],
      [['--baseline', String(ids.baseline), '--current', String(ids.tools)], /is of kind eval-tool-calling/],
      [['--baseline', String(ids.baseline), '--current', String(ids.otherModel)], /--allow-model-change/],
      [['--baseline', String(ids.baseline), '--current', String(ids.partial)], /is partial, not complete/],
      [['--baseline', String(ids.tools), '--current', String(ids.swe)], /is of kind eval-swe/],
    ])
  })

  it('cannot compare (exit 2) a missing file, no matching points, or bad flags', async () => {
    const noPoints = join(home, 'no-points.json')
    writeFileSync(
      noPoints,
      JSON.stringify({kind: 'bench', model: 'qwen3-coder', summary: {runs: [point(64, 1, 1, 1)]}}),
    )
    await expectCannotCompare([
      [['--baseline', join(home, 'missing.json')], /no baseline file/],
      [['--baseline', noPoints], /no matching points/],
      [['--baseline', String(ids.baseline), '--max-drop', 'ttft=5'], /unknown metric `ttft`/],
      [[], /give --baseline/],
    ])
  })

  it('compares another model with --allow-model-change', async () => {
    const {exitCode} = await gate(
      ...['--baseline', String(ids.baseline), '--current', String(ids.otherModel), '--allow-model-change'],
    )
    expect(exitCode).toBe(0)
  })

  it('writes the JUnit report when it cannot compare, too', async () => {
    const junit = join(home, 'error.xml')
    const {exitCode} = await gate('--baseline', '12345', '--junit', junit)
    expect(exitCode).toBe(2)
    expect(existsSync(junit)).toBe(true)
    expect(readFileSync(junit, 'utf8')).toContain('errors="1"')
  })

  it('cannot export a run that does not exist (exit 2)', async () => {
    const {exitCode, stdout, stderr} = await gate('--export', '999')
    expect(exitCode).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.trim()).toMatch(/^oac gate: no run 999/)
  })
})
