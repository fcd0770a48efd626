import {existsSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {startSim} from '../../src/engines/sim.js'
import {Store} from '../../src/store/store.js'
import {runCli} from '../support/run-cli.js'

// What a new user ran into: raw exceptions for a wrong path, a run left behind by bad input, help texts that lie,
// one broken profile stopping `oac detect`, and an agent let loose on a whole home directory.

const rawError = /SyntaxError|ENOENT:|TypeError|at (Object\.)?\w+ \(/
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `oac-${name}-`))

describe('clear errors for wrong paths (exit 2, no raw exception)', {timeout: 60_000}, () => {
  it('plan --hardware FILE that is not a capture, sim --script and quickstart --model that do not exist', async () => {
    const env = {OAC_HOME: tmp('home')}
    const [plan, sim, quickstart] = await Promise.all([
      runCli(['plan', '--hardware', '/etc/passwd'], {env}),
      runCli(['sim', '--script', '/nonexistent.yaml'], {env}),
      runCli(['quickstart', '--model', '/nonexistent.gguf'], {env}),
    ])
    expect(plan.exitCode).toBe(2)
    expect(plan.stderr).toMatch(/\/etc\/passwd is not .*oac detect --json/)
    expect(sim.exitCode).toBe(2)
    expect(sim.stderr).toMatch(/no script file \/nonexistent\.yaml/)
    expect(quickstart.exitCode).toBe(2)
    expect(quickstart.stderr).toMatch(/no model file \/nonexistent\.gguf/)
    for (const r of [plan, sim, quickstart]) expect(r.stderr.split('\n')[0]).not.toMatch(rawError)
  })
})

describe('bad input leaves nothing behind', {timeout: 60_000}, () => {
  it('a bench with a bad --dataset stores no failed run', async () => {
    const home = tmp('bench-home')
    const sim = await startSim({port: 0, ttftMs: 1, itlMs: 0, models: ['m']})
    try {
      const r = await runCli(
        ['bench', '--endpoint', sim.url, '--model', 'm', '--dataset', 'jsonl:/nonexistent.jsonl', '--num-prompts', '2'],
        {env: {OAC_HOME: home}},
      )
      expect(r.exitCode).toBe(2)
      expect(r.stderr).toMatch(/nonexistent\.jsonl/)
    } finally {
      await sim.close()
    }
    if (existsSync(join(home, 'oac.db'))) {
      const store = Store.open(join(home, 'oac.db'))
      expect(store.listRuns()).toEqual([])
      store.close()
    }
  })
})

describe('help texts that tell the truth', {timeout: 60_000}, () => {
  it('describes the engine topic as a topic, and setup --help names no command that does not exist', async () => {
    const [root, setup] = await Promise.all([runCli(['--help']), runCli(['setup', '--help'])])
    const engine = root.stdout.split('\n').find((l) => /^\s+engine\s/.test(l))
    expect(engine).toMatch(/start, stop, status/)
    expect(engine).not.toMatch(/last lines/)
    expect(setup.stdout).not.toMatch(/detect --save/)
  })
})

describe('a broken user profile', {timeout: 60_000}, () => {
  it('does not stop oac detect, and the error names its file and the right line', async () => {
    const config = tmp('config')
    mkdirSync(join(config, 'profiles'))
    const file = join(config, 'profiles', 'mine.yaml')
    writeFileSync(
      file,
      [
        'id: mine',
        'description: my box',
        'match: { priority: 5, any: true }',
        'engine: llamacpp',
        'models:',
        '  primary: { model: nope-7b, quantization: Q4_K_M, context: 16384, parallel: 1 }',
        '',
      ].join('\n'),
    )
    const env = {OAC_HOME: tmp('home'), OAC_CONFIG_DIR: config}
    const [detect, plan] = await Promise.all([
      runCli(['detect', '--hardware', 'fixtures/hardware/cpu-linux'], {env}),
      runCli(['plan', '--profile', 'mine', '--hardware', 'fixtures/hardware/cpu-linux'], {env}),
    ])
    expect(detect.exitCode).toBe(0)
    expect(detect.stdout).toMatch(/profile/i)
    expect(detect.stderr).toContain(`${file}:6`)
    expect(plan.exitCode).toBe(2)
    expect(plan.stderr).toContain(`${file}:6`)
  })
})

describe('oac agent -p in / or the home directory', {timeout: 60_000}, () => {
  it('refuses to work on the whole filesystem or home directory (exit 2) before contacting the model', async () => {
    const home = tmp('agent-home')
    const env = {HOME: home, OAC_HOME: join(home, '.oac'), OAC_CONFIG_DIR: join(home, '.config', 'oac')}
    const args = ['agent', '-p', 'tidy up', '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--yes']
    const [inHome, inRoot] = await Promise.all([runCli(args, {env, cwd: home}), runCli(args, {env, cwd: '/'})])
    for (const r of [inHome, inRoot]) {
      expect(r.exitCode, r.stderr).toBe(2)
      expect(r.stderr).toMatch(/a project folder/)
      expect(r.stderr).not.toMatch(/127\.0\.0\.1:9/)
    }
    expect(inHome.stderr).toContain(home)
  })
})
