import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {Store} from '../../src/store/store.js'
import {runCli} from '../support/run-cli.js'

describe('oac quickstart', () => {
  it('runs detect → plan → embedded engine → bench → eval → report on this machine, without a GPU or a download', async () => {
    const home = mkdtempSync(join(tmpdir(), 'oac-quickstart-'))
    const cwd = mkdtempSync(join(tmpdir(), 'oac-quickstart-cwd-'))
    const start = performance.now()
    const {stdout, stderr, exitCode} = await runCli(['quickstart', '--json'], {
      env: {OAC_HOME: home},
      cwd,
      timeout: 180_000,
    })
    const seconds = (performance.now() - start) / 1000
    console.log(`oac quickstart took ${seconds.toFixed(1)} s`)
    expect(stderr.split('\n').filter((l) => /error/i.test(l))).toEqual([])
    expect(exitCode).toBe(0)
    const result = JSON.parse(stdout)
    expect(result.stages.map((s: {stage: string}) => s.stage)).toEqual([
      'detect',
      'plan',
      'engine',
      'bench',
      'eval',
      'report',
    ])
    expect(result.stages[0].headline).toContain('profile cpu')
    expect(result.stages[3].headline).toMatch(/\d+ output tok\/s/)
    expect(result.tinyModel).toBe(true)
    expect(result.reportPath.startsWith(join(cwd, 'reports'))).toBe(true)
    expect(readFileSync(result.reportPath, 'utf8')).toContain('<canvas')
    expect(existsSync(join(home, 'models', 'oac-tiny-64x2.gguf'))).toBe(true)
    const store = Store.open(join(home, 'oac.db'))
    try {
      expect(store.getRun(result.benchRunId)).toMatchObject({kind: 'bench', status: 'complete'})
      expect(store.getRun(result.evalRunId)).toMatchObject({kind: 'eval-tool-calling', status: 'complete'})
      expect(store.getEndpoint('quickstart')?.engine).toBe('embedded')
      // The report's engine column names what served the runs.
      expect(store.getRun(result.benchRunId)?.engine).toBe('embedded')
      expect(store.getRun(result.evalRunId)?.engine).toBe('embedded')
    } finally {
      store.close()
    }
    // The README's first command, run again in the same data dir: the embedded engine comes up on another port,
    // and the one endpoint named "quickstart" moves there (it used to fail on endpoints.name being unique).
    const again = await runCli(['quickstart', '--json'], {env: {OAC_HOME: home}, cwd, timeout: 180_000})
    expect(again.stderr.split('\n').filter((l) => /error/i.test(l))).toEqual([])
    expect(again.exitCode).toBe(0)
    const second = JSON.parse(again.stdout)
    expect(second.benchRunId).toBeGreaterThan(result.benchRunId)
    const after = Store.open(join(home, 'oac.db'))
    try {
      const named = after.listEndpoints().filter((e) => e.name === 'quickstart')
      expect(named).toHaveLength(1)
      expect(after.getRun(second.benchRunId)?.endpointId).toBe(named[0]?.id)
      expect(after.getRun(result.benchRunId)?.endpointId).toBe(named[0]?.id)
    } finally {
      after.close()
    }
  }, 400_000)
})
