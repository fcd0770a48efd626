import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {loadSuite} from '../../src/evals/tool-calling/suite.js'
import {Store} from '../../src/store/store.js'
import {caseScript, goldReply} from '../support/gold-script.js'
import {runCli} from '../support/run-cli.js'

const home = mkdtempSync(join(tmpdir(), 'oac-eval-cli-'))
const env = {OAC_HOME: home}
let sim: RunningSim
beforeAll(async () => {
  const cases = loadSuite({categories: ['simple', 'irrelevance'], limit: 3})
  // Gold answers, except one wrong value, so the report has a failure to show.
  const script = caseScript(cases, 'native', (c) =>
    c.id === 'simple-001'
      ? {toolCalls: [{name: 'get_weather_forecast', arguments: {city: 'Porto', days: 3}}]}
      : goldReply(c, 'native'),
  )
  const file = join(home, 'script.yaml')
  writeFileSync(file, JSON.stringify(script))
  sim = await startSim({port: 0, ttftMs: 1, itlMs: 0, script: file})
})
afterAll(() => sim.close())

describe('oac eval tool-calling', () => {
  it('prints one JSON object with overall figures, categories and failures, and saves the run', async () => {
    const {stdout, exitCode} = await runCli(
      [
        'eval',
        'tool-calling',
        '--endpoint',
        sim.url,
        '--model',
        'sim-model',
        '--category',
        'simple,irrelevance',
        '--limit',
        '3',
        '--json',
      ],
      {env},
    )
    expect(exitCode).toBe(0)
    const report = JSON.parse(stdout)
    expect(report).toMatchObject({model: 'sim-model', mode: 'native', status: 'complete'})
    expect(report.overall.accuracy).toBeCloseTo(5 / 6, 10)
    expect(report.categories).toEqual({
      simple: {total: 3, passed: 2, accuracy: 2 / 3},
      irrelevance: {total: 3, passed: 3, accuracy: 1},
    })
    expect(report.failures).toEqual([
      {id: 'simple-001', category: 'simple', reason: expect.stringContaining('wrong value for `city`')},
    ])
    const store = Store.open(join(home, 'oac.db'))
    try {
      expect(store.getRun(report.runId)).toMatchObject({kind: 'eval-tool-calling', status: 'complete'})
      expect(store.samples(report.runId)).toHaveLength(6)
    } finally {
      store.close()
    }
  })

  it('prints a table for people', async () => {
    const {stdout, exitCode} = await runCli(
      [
        'eval',
        'tool-calling',
        '--endpoint',
        sim.url,
        '--model',
        'sim-model',
        '--category',
        'simple',
        '--limit',
        '3',
        '--no-save',
      ],
      {env},
    )
    expect(exitCode).toBe(0)
    expect(stdout).toMatch(/simple\s+2\s+3\s+66\.7%/)
    expect(stdout).toMatch(/simple-001\s+wrong value for `city`/)
    expect(stdout).toContain('not saved (complete)')
  })

  it('exits 2 on an unknown category, listing the known ones, and 1 on a model the server lacks', async () => {
    const bad = await runCli(
      ['eval', 'tool-calling', '--endpoint', sim.url, '--model', 'sim-model', '--category', 'poetry'],
      {env},
    )
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toMatch(/Unknown category `poetry`; known: .*coding_tools/)
    const model = await runCli(['eval', 'tool-calling', '--endpoint', sim.url, '--model', 'gpt-9', '--limit', '1'], {
      env,
    })
    expect(model.exitCode).toBe(1)
    expect(model.stderr).toContain('Model `gpt-9` is not served by')
  })
})
