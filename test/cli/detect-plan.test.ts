import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/run-cli.js'

const home = mkdtempSync(join(tmpdir(), 'oac-cli-'))
const env = {OAC_HOME: join(home, 'data'), OAC_CONFIG_DIR: join(home, 'config')}

describe('oac detect and oac plan', () => {
  it('lists every command with a one-line description', async () => {
    const {stdout, exitCode} = await runCli(['--help'], {env})
    expect(exitCode).toBe(0)
    for (const command of ['bench', 'detect', 'plan', 'profiles', 'sim'])
      expect(stdout).toMatch(new RegExp(`\\n  ${command} +\\S`))
  })

  it('reports this GPU-less build machine as the cpu profile, with the missing vendor tools', async () => {
    const {stdout, exitCode} = await runCli(['detect', '--json'], {env})
    expect(exitCode).toBe(0)
    const result = JSON.parse(stdout)
    expect(result.profile.id).toBe('cpu')
    expect(result.hardware.gpus).toEqual([])
    expect(result.hardware.probes).toContainEqual(expect.objectContaining({tool: 'nvidia-smi', status: 'missing'}))
    expect(result.hardware.cpu.cores).toBeGreaterThan(0)
  })

  it('plans a profile on captured hardware as one JSON object', async () => {
    const {stdout, exitCode} = await runCli(
      ['plan', '--profile', 'rtx5090', '--hardware', 'fixtures/hardware/rtx5090', '--json'],
      {env},
    )
    expect(exitCode).toBe(0)
    const {plan, profile} = JSON.parse(stdout)
    expect(profile.id).toBe('rtx5090')
    expect(plan).toMatchObject({profile: 'rtx5090', engine: 'llamacpp', fits: true})
    expect(plan.models.map((m: {role: string}) => m.role)).toEqual(['primary', 'fast', 'embedding'])
  })

  it('prints the fit and the shortfall for people', async () => {
    const {stdout, exitCode} = await runCli(
      ['plan', '-p', 'rtx5090', '--hardware', 'fixtures/hardware/rtx5090', '--context', '262144'],
      {env},
    )
    expect(exitCode).toBe(0)
    expect(stdout).toMatch(/DOES NOT FIT: \d+\.\d GiB short/)
    expect(stdout).toContain('what would fit:')
  })

  it('exits 2 on an unknown profile, listing the known ones', async () => {
    const {stderr, exitCode} = await runCli(['plan', '--profile', 'nope'], {env})
    expect(exitCode).toBe(2)
    expect(stderr).toContain('Unknown profile "nope". Known profiles: cpu, dual-4090, dual-5090, m4-max, rtx5090')
  })

  it('exits 2 naming the file and line of a bad user profile', async () => {
    const config = join(home, 'bad-config')
    mkdirSync(join(config, 'profiles'), {recursive: true})
    writeFileSync(
      join(config, 'profiles', 'mine.yaml'),
      'id: mine\ndescription: x\nmatch: {any: true}\nengine: llamacpp\nmodels:\n  primary: {model: qwen2.5-coder-7b, context: -1}\n',
    )
    const {stderr, exitCode} = await runCli(['plan'], {env: {...env, OAC_CONFIG_DIR: config}})
    expect(exitCode).toBe(2)
    expect(stderr).toMatch(/mine\.yaml:6: `models\.primary\.context`/)
  })
})
