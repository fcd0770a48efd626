import {existsSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {sweSummary} from '../../../src/evals/swe/summary.js'
import {Store} from '../../../src/store/store.js'
import {runCli} from '../../support/run-cli.js'
import {FIX, type Fixture, fixtureRepo, row, writeDataset} from './fixture-repo.js'

// `oac eval swe` as a user runs it: the summary table, --json, the store, bad input refused before anything runs,
// Ctrl-C keeping finished instances and --resume finishing the run. The agent is `cmd:sh {problem_file}`.

let f: Fixture
beforeAll(async () => {
  f = await fixtureRepo()
})

const AGENT = 'cmd:sh {problem_file}'
const home = () => mkdtempSync(join(tmpdir(), 'oac-swe-cli-'))
const args = (dataset: string, ...more: string[]) => [
  'eval',
  'swe',
  '--dataset',
  dataset,
  '--repos',
  f.reposDir,
  '--agent',
  AGENT,
  '--endpoint',
  'http://127.0.0.1:9/v1',
  '--model',
  'm',
  ...more,
]

function runs(oacHome: string) {
  if (!existsSync(join(oacHome, 'oac.db'))) return []
  const store = Store.open(join(oacHome, 'oac.db'))
  try {
    return store.listRuns().map((run) => ({run, samples: store.samples(run.id)}))
  } finally {
    store.close()
  }
}

describe('oac eval swe (CLI)', () => {
  it('prints a summary table, saves the run with a typed summary, exits 1 when a task is not resolved', async () => {
    const h = home()
    const dataset = writeDataset([row(f, 'fixed', FIX), row(f, 'idle', 'true')])
    const r = await runCli(args(dataset, '-j', '2'), {env: {OAC_HOME: h}})
    expect(r.exitCode, r.stderr).toBe(1)
    expect(r.stdout).toMatch(/fixed\s+resolved/)
    expect(r.stdout).toMatch(/idle\s+empty_patch\s+n\/a\s+n\/a/)
    expect(r.stdout).toContain('resolved 1/2 (50.0%)')
    const [saved] = runs(h)
    expect(saved?.run).toMatchObject({kind: 'eval-swe', status: 'complete', model: 'm'})
    expect(sweSummary.parse(saved?.run.summary).resolved_ids).toEqual(['fixed'])
    expect(saved?.samples.map((s) => s.ok).sort()).toEqual([false, true])
  }, 120_000)

  it('refuses a malformed --agent template and a dataset row missing a field before anything runs (exit 2)', async () => {
    const h = home()
    const dataset = writeDataset([row(f, 'fixed', FIX)])
    const bad = await runCli(
      args(dataset).map((a) => (a === AGENT ? 'cmd:agent {workdir}' : a)),
      {env: {OAC_HOME: h}},
    )
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toContain('unknown placeholder {workdir}')
    const {test_cmd: _, ...noTestCmd} = row(f, 'second', FIX)
    const missing = await runCli(args(writeDataset([row(f, 'first', FIX), noTestCmd]), '--json'), {env: {OAC_HOME: h}})
    expect(missing.exitCode).toBe(2)
    expect(JSON.parse(missing.stdout).error.message).toMatch(/dataset\.jsonl: row 2: second: `test_cmd`: missing$/)
    expect(runs(h)).toEqual([])
  }, 120_000)

  it('keeps finished instances on Ctrl-C (exit 130) and --resume RUN_ID finishes the run', async () => {
    const h = home()
    const gate = join(h, 'go-on')
    const slow = `while [ ! -f ${gate} ]; do sleep 0.1; done\n${FIX}\n`
    const dataset = writeDataset([row(f, 'quick', FIX), row(f, 'slow', slow)])
    const child = runCli(args(dataset, '--json'), {env: {OAC_HOME: h}})
    // Up to 150 s for the first instance to finish: alone it takes a few seconds, but the whole suite on 2 cores has
    // made it take over a minute.
    for (let i = 0; i < 1500 && !runs(h)[0]?.samples.length; i++) await new Promise((r) => setTimeout(r, 100))
    expect(runs(h)[0]?.samples.length, 'the first instance never finished').toBe(1)
    child.kill('SIGINT')
    const stopped = await child
    expect(stopped.exitCode, stopped.stderr).toBe(130)
    const partial = JSON.parse(stopped.stdout)
    expect(partial).toMatchObject({status: 'partial', total: 1, resolved_ids: ['quick'], incomplete_ids: ['slow']})
    const [interrupted] = runs(h)
    expect(interrupted?.run.status).toBe('partial')
    expect(interrupted?.samples).toHaveLength(1)

    writeFileSync(gate, '')
    const resumed = await runCli(['eval', 'swe', '--resume', String(partial.runId), '--json'], {env: {OAC_HOME: h}})
    expect(resumed.exitCode, resumed.stderr).toBe(0)
    const report = JSON.parse(resumed.stdout)
    expect(Object.keys(report).sort()).toEqual(
      [
        'model',
        'agent',
        'total',
        'resolved',
        'resolved_rate',
        'resolved_ids',
        'unresolved_ids',
        'empty_patch_ids',
        'error_ids',
        'instances',
        'repeat',
        'pass_hat_k',
        'prompt_tokens',
        'completion_tokens',
        'mean_duration_s',
        'total_instances',
        'submitted_instances',
        'completed_instances',
        'resolved_instances',
        'unresolved_instances',
        'empty_patch_instances',
        'error_instances',
        'submitted_ids',
        'completed_ids',
        'incomplete_ids',
        'schema_version',
        'scope',
        'runId',
        'status',
      ].sort(),
    )
    expect(report).toMatchObject({
      model: 'm',
      agent: AGENT,
      total: 2,
      resolved: 2,
      resolved_rate: 1,
      runId: partial.runId,
    })
    expect(Object.keys(report.instances[0]).sort()).toEqual(
      ['instance_id', 'status', 'turns', 'prompt_tokens', 'completion_tokens', 'duration_s'].sort(),
    )
    const [finished] = runs(h)
    expect(finished?.run.status).toBe('complete')
    expect(finished?.samples).toHaveLength(2)
    const again = await runCli(['eval', 'swe', '--resume', String(partial.runId)], {env: {OAC_HOME: h}})
    expect(again.exitCode).toBe(2)
    expect(again.stderr).toContain(`run ${partial.runId} is already complete`)
  }, 300_000)
})
