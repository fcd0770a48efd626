import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {tempRepo} from '../agent/temp-repo.js'
import {runCli} from '../support/run-cli.js'

// Commands run with stdin piped or closed, as scripts and MCP clients run them (issue 27: `echo task | oac agent`
// and `oac mcp` with stdin closed both ended with exit 13 and no word).

let sim: RunningSim
beforeAll(async () => {
  sim = await startSim(
    {port: 0, ttftMs: 0, itlMs: 0, models: ['m']},
    {mode: 'match', rules: [{match: {}, reply: {content: 'Piped task done.'}}]},
  )
})
afterAll(() => sim.close())

describe('stdin piped or closed', {timeout: 60_000}, () => {
  it('echo task | oac agent runs the piped task headless, as -p does (exit 0)', async () => {
    const repo = await tempRepo({'a.ts': 'export const a = 1\n'})
    const home = mkdtempSync(join(tmpdir(), 'oac-stdin-'))
    const r = await runCli(['agent', '--endpoint', sim.baseUrl, '--model', 'm'], {
      cwd: repo,
      input: 'say hi\n',
      env: {OAC_HOME: join(home, 'oac'), HOME: home, OAC_CONFIG_DIR: join(home, 'config')},
    })
    expect(r.exitCode, r.stderr).toBe(0)
    expect(r.stdout).toContain('Piped task done.')
  })

  it('a session id typed without --resume is still told where a task goes (exit 2)', async () => {
    const repo = await tempRepo({'a.ts': 'export const a = 1\n'})
    const home = mkdtempSync(join(tmpdir(), 'oac-stdin-'))
    const r = await runCli(['agent', 'fix the bug', '--endpoint', sim.baseUrl, '--model', 'm'], {
      cwd: repo,
      input: '',
      env: {OAC_HOME: join(home, 'oac'), HOME: home, OAC_CONFIG_DIR: join(home, 'config')},
    })
    expect(r.exitCode, r.stderr).toBe(2)
    expect(r.stderr).toMatch(/a task goes with -p/)
  })

  it('oac mcp whose client closed stdin ends cleanly, exit 0', async () => {
    const repo = await tempRepo({'a.ts': 'export const a = 1\n'})
    const r = await runCli(['mcp', '--root', repo], {input: ''})
    expect(r.exitCode, r.stderr).toBe(0)
  })
})
