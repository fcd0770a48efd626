import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runSwe} from '../../../src/evals/swe/run-swe.js'
import {runCli} from '../../support/run-cli.js'
import {FIX, fixtureRepo, row, writeDataset} from './fixture-repo.js'

// Stored SWE runs as later stages read them: `oac report` shows the resolved rate per model and agent, `oac gate`
// fails a run whose resolved rate dropped more than 3 points (the default), and passes within the limit.

const home = mkdtempSync(join(tmpdir(), 'oac-swe-report-'))
const env = {OAC_HOME: home}
const ids: number[] = []

beforeAll(async () => {
  process.env.OAC_HOME = home
  const f = await fixtureRepo()
  const dataset = writeDataset([row(f, 'one', FIX), row(f, 'two', `${FIX}\n`)])
  // Run 1 resolves both tasks, run 2 only task one (other tasks: not comparable), run 3 both tasks, one resolved.
  for (const agent of ['cmd:sh {problem_file}', 'cmd:sh {problem_file}']) {
    const r = await runSwe({
      dataset,
      reposDir: f.reposDir,
      agent,
      endpoint: 'http://127.0.0.1:9/v1',
      model: 'm',
      repeat: 1,
      concurrency: 2,
      maxTurns: 5,
      tokenBudget: 0,
      agentTimeoutS: 20,
      testTimeoutS: 20,
      save: true,
      ...(ids.length ? {instances: ['one']} : {}),
      signal: new AbortController().signal,
    })
    ids.push(r.runId as number)
  }
  const worse = await runSwe({
    dataset: writeDataset([row(f, 'one', FIX), row(f, 'two', 'true\n')]),
    reposDir: f.reposDir,
    agent: 'cmd:sh {problem_file}',
    endpoint: 'http://127.0.0.1:9/v1',
    model: 'm',
    repeat: 1,
    concurrency: 2,
    maxTurns: 5,
    tokenBudget: 0,
    agentTimeoutS: 20,
    testTimeoutS: 20,
    save: true,
    signal: new AbortController().signal,
  })
  ids.push(worse.runId as number)
}, 120_000)

describe('stored SWE runs in oac report and oac gate', {timeout: 60_000}, () => {
  it('oac gate fails a drop of the resolved rate beyond 3 points and passes within --max-drop', async () => {
    const [full, , half] = ids.map(String) as [string, string, string]
    const failed = await runCli(['gate', '--baseline', full, '--current', half, '--allow-workload-change', '--json'], {
      env,
    })
    expect(failed.exitCode, failed.stderr).toBe(1)
    const result = JSON.parse(failed.stdout)
    expect(result.checks[0]).toMatchObject({metric: 'resolved_rate', baseline: 1, current: 0.5, change: -50, limit: -3})
    const allowed = await runCli(
      ['gate', '--baseline', full, '--current', half, '--allow-workload-change', '--max-drop', 'resolved_rate=60'],
      {env},
    )
    expect(allowed.exitCode, allowed.stdout).toBe(0)
    const otherTasks = await runCli(['gate', '--baseline', full, '--current', String(ids[1])], {env})
    expect(otherTasks.exitCode).toBe(2)
    expect(otherTasks.stderr + otherTasks.stdout).toContain('instanceIds')
  })

  it('oac report shows the resolved rate per model and agent', async () => {
    const r = await runCli(['report', '--json'], {env, cwd: home})
    expect(r.exitCode, r.stderr).toBe(0)
    const {path, runs} = JSON.parse(r.stdout)
    expect(runs.map((x: {kind: string}) => x.kind)).toEqual(['eval-swe', 'eval-swe', 'eval-swe'])
    const html = readFileSync(path, 'utf8')
    expect(html).toContain('SWE tasks resolved, per model and agent')
    expect(html).toContain('m · cmd:sh {problem_file}')
    expect(html).toContain('2/2')
    expect(html).toContain('50.0%')
  })
})
