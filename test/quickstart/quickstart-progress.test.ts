import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {runCli} from '../support/run-cli.js'

// Quickstart's stages as listr2 progress (its simple renderer off a terminal): each stage starts, reports its work
// (requests, cases) and ends with its headline. Against `oac sim`, so it takes seconds, not a model load.

let sim: RunningSim
beforeAll(async () => {
  sim = await startSim({port: 0, ttftMs: 2, itlMs: 0})
})
afterAll(async () => {
  await sim.close()
})

describe('oac quickstart progress', () => {
  it('shows each stage starting, its progress lines and its headline', async () => {
    const {stdout, exitCode} = await runCli(['quickstart', '--endpoint', sim.url, '--model', 'sim-model'], {
      env: {OAC_HOME: mkdtempSync(join(tmpdir(), 'oac-qs-progress-'))},
      cwd: mkdtempSync(join(tmpdir(), 'oac-qs-progress-cwd-')),
      timeout: 120_000,
    })
    expect(exitCode).toBe(0)
    const lines = stdout.split('\n')
    const started = lines.filter((l) => l.startsWith('❯ ')).map((l) => l.slice(2))
    expect(started).toEqual([
      'Detect the hardware',
      'Plan the setup',
      'Start the engine',
      'Benchmark (concurrency 1 and 2, 8 requests each)',
      'Tool-calling eval (12 cases)',
      'Write the HTML report',
    ])
    const done = lines.filter((l) => l.startsWith('✔ '))
    expect(done).toHaveLength(6)
    expect(done[3]).toMatch(/^✔ Benchmark \(concurrency 1 and 2, 8 requests each\): \d+ output tok\/s .*\(\d+\.\d s\)$/)
    expect(lines).toContain('› point 2 of 2: 8 of 8 requests')
    expect(lines.some((l) => /^› 12 of 12 cases, \d+ passed$/.test(l))).toBe(true)
    expect(stdout).toContain('Open the report: ')
  }, 150_000)
})
