import {existsSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {Store} from '../../src/store/store.js'
import type {Run, RunKind} from '../../src/store/types.js'
import {runCli} from '../support/run-cli.js'

// One signal path for every long command (src/cli/ctrl-c.ts): SIGINT and SIGTERM both stop the work, kill the child
// process groups, finish the stored run as partial, print what was kept and exit 130 / 143. Real processes, real
// signals: what issue 27 saw was quickstart dying on "Reduce of empty array" (exit 1) or reporting cut-short runs
// (exit 0), SIGTERM leaving a run `running` and `sh -c sleep 30` orphaned, and bench taking 36 s to stop.

let slow: RunningSim
beforeAll(async () => {
  // Slow enough that every command is still working when the signal comes: 64 tokens take ~1.3 s.
  slow = await startSim({port: 0, ttftMs: 300, itlMs: 20, models: ['m']})
})
afterAll(() => slow.close())

const home = () => mkdtempSync(join(tmpdir(), 'oac-signals-'))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The runs of one kind in a home's store, each with its sample count; [] before the store exists. */
function runs(dir: string, kind?: RunKind): (Run & {samples: number})[] {
  if (!existsSync(join(dir, 'oac.db'))) return []
  const store = Store.open(join(dir, 'oac.db'))
  try {
    return store.listRuns(kind ? {kind} : {}).map((r) => ({...r, samples: store.samples(r.id).length}))
  } finally {
    store.close()
  }
}

/** Polls until `ready` holds (up to 120 s on a loaded box), then sends `signal`; resolves with the finished process. */
async function stopWhen(child: ReturnType<typeof runCli>, ready: () => boolean, signal: NodeJS.Signals) {
  for (let i = 0; i < 1200 && !ready(); i++) await sleep(100)
  expect(ready(), 'the command never reached the point to interrupt').toBe(true)
  const sentAt = performance.now()
  child.kill(signal)
  const result = await child
  return {...result, stopSeconds: (performance.now() - sentAt) / 1000}
}

describe('SIGINT and SIGTERM stop every long command the same way', {timeout: 180_000}, () => {
  it.concurrent.for([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'bench, %s: stops at once (400 prompts built), keeps what finished as partial',
    async ([signal, exit]) => {
      const h = home()
      const args = ['bench', '--endpoint', slow.url, '--model', 'm', '--num-prompts', '400', '--concurrency', '2']
      const r = await stopWhen(
        runCli([...args, '--output-len', '64', '--json'], {env: {OAC_HOME: h}}),
        () => (runs(h, 'bench')[0]?.samples ?? 0) >= 2,
        signal,
      )
      expect(r.exitCode, r.stderr).toBe(exit)
      expect(r.stderr).toContain('stopping, keeping what finished')
      expect(r.stopSeconds).toBeLessThan(10)
      const report = JSON.parse(r.stdout)
      expect(report.status).toBe('partial')
      const [run] = runs(h, 'bench')
      expect(run?.status).toBe('partial')
      expect(run?.samples).toBe(report.runs[0].completed)
    },
  )

  it.concurrent('eval swe, SIGTERM: the agent command group is killed, the run is partial, exit 143', async () => {
    const h = home()
    // A duration no other process on the box sleeps for, to find an orphan by.
    const marker = `sleep 29.${String(process.pid).padStart(6, '0')}7`
    const child = runCli(
      ['eval', 'swe', '--endpoint', slow.url, '--model', 'm', '--agent', `cmd:${marker}`, '--limit', '1', '--json'],
      {env: {OAC_HOME: h}},
    )
    // Anchored: oac's own command line holds the marker too (after `cmd:`).
    const sleeping = () => execa('pgrep', ['-f', `^${marker}`], {reject: false}).then((p) => p.exitCode === 0)
    for (let i = 0; i < 1200 && !(await sleeping()); i++) await sleep(100)
    expect(await sleeping(), 'the agent command never started').toBe(true)
    child.kill('SIGTERM')
    const r = await child
    expect(r.exitCode, r.stderr).toBe(143)
    expect(JSON.parse(r.stdout)).toMatchObject({status: 'partial'})
    expect(runs(h, 'eval-swe')[0]?.status).toBe('partial')
    await sleep(300)
    expect(await sleeping(), `${marker} outlived oac`).toBe(false)
  })

  it.concurrent('eval tool-calling, SIGTERM: partial run, exit 143', async () => {
    const h = home()
    const r = await stopWhen(
      runCli(['eval', 'tool-calling', '--endpoint', slow.url, '--model', 'm', '--json'], {env: {OAC_HOME: h}}),
      () => (runs(h, 'eval-tool-calling')[0]?.samples ?? 0) >= 1,
      'SIGTERM',
    )
    expect(r.exitCode, r.stderr).toBe(143)
    expect(JSON.parse(r.stdout).status).toBe('partial')
    expect(runs(h, 'eval-tool-calling')[0]?.status).toBe('partial')
  })

  it.concurrent('quickstart, SIGINT during the bench: exit 130, the bench marked interrupted, no report', async () => {
    const h = home()
    const cwd = mkdtempSync(join(tmpdir(), 'oac-signals-cwd-'))
    const r = await stopWhen(
      runCli(['quickstart', '--endpoint', slow.url, '--model', 'm'], {env: {OAC_HOME: h}, cwd}),
      () => (runs(h, 'bench')[0]?.samples ?? 0) >= 1,
      'SIGINT',
    )
    expect(r.exitCode, r.stderr).toBe(130)
    expect(r.stderr + r.stdout).not.toMatch(/TypeError|Reduce of empty array/)
    const [bench] = runs(h, 'bench')
    expect(bench?.status).toBe('partial')
    expect(r.stdout).toContain('Interrupted during "Benchmark')
    expect(r.stdout).toContain(`bench run #${bench?.id}`)
    expect(r.stdout).not.toContain('Open the report')
    // The stages after the bench never ran, and are not shown as done.
    expect(r.stdout).not.toMatch(/✔ Tool-calling eval/)
    expect(runs(h, 'eval-tool-calling')).toEqual([])
    expect(existsSync(join(cwd, 'reports'))).toBe(false)
  })

  it.concurrent('quickstart, SIGTERM during the eval: exit 143, the bench kept complete, the eval partial', async () => {
    const h = home()
    const cwd = mkdtempSync(join(tmpdir(), 'oac-signals-cwd-'))
    const r = await stopWhen(
      runCli(['quickstart', '--endpoint', slow.url, '--model', 'm', '--json'], {env: {OAC_HOME: h}, cwd}),
      () => runs(h, 'eval-tool-calling').length > 0,
      'SIGTERM',
    )
    expect(r.exitCode, r.stderr).toBe(143)
    const result = JSON.parse(r.stdout)
    expect(result).toMatchObject({interrupted: 'eval'})
    expect(result.reportPath).toBeUndefined()
    expect(result.stages.map((s: {stage: string}) => s.stage)).toEqual(['detect', 'plan', 'engine', 'bench'])
    expect(runs(h, 'bench')[0]?.status).toBe('complete')
    expect(runs(h, 'eval-tool-calling')[0]?.status).toBe('partial')
  })
})
