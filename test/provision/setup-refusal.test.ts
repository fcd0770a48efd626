import {existsSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/run-cli.js'

// `oac setup` never installs or downloads for a profile that is not this machine's, nor for a plan that does not fit,
// unless --force. The hardware is a captured CPU-only Linux box (fixtures/hardware/cpu-linux).

const cpuBox = 'fixtures/hardware/cpu-linux'
function dirs() {
  const root = mkdtempSync(join(tmpdir(), 'oac-setup-refusal-'))
  return {root, env: {OAC_HOME: join(root, 'home'), OAC_CONFIG_DIR: join(root, 'config'), HOME: root}}
}

describe('oac setup refuses what does not belong on this machine', {timeout: 60_000}, () => {
  it('refuses a GPU profile on a machine without that GPU, saying what was found, what it needs and how to plan', async () => {
    const {env} = dirs()
    const [refused, dryRun] = await Promise.all([
      runCli(['setup', '--profile', 'rtx5090', '--hardware', cpuBox, '--yes'], {env}),
      runCli(['setup', '--profile', 'dual-4090', '--hardware', cpuBox, '--dry-run'], {env}),
    ])
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toMatch(/profile rtx5090 is for 1 × NVIDIA GPU named RTX 5090/)
    expect(refused.stderr).toMatch(/found: no GPU/)
    expect(refused.stderr).toMatch(/--hardware/)
    expect(refused.stderr).toMatch(/--force/)
    expect(existsSync(env.OAC_HOME)).toBe(false)
    // A dry run changes nothing: it plans, but says the same thing first.
    expect(dryRun.exitCode).toBe(0)
    expect(dryRun.stderr).toMatch(/profile dual-4090 is for 2 × NVIDIA GPU named RTX 4090/)
    expect(dryRun.stderr).toMatch(/does not fit/)
  })

  it('refuses a plan that does not fit, even for a profile that matches, unless --force', async () => {
    const {env} = dirs()
    mkdirSync(join(env.OAC_CONFIG_DIR, 'profiles'), {recursive: true})
    writeFileSync(
      join(env.OAC_CONFIG_DIR, 'profiles', 'too-big.yaml'),
      `id: too-big
description: A 30B model at full context on any machine
match: { priority: 99, any: true }
engine: llamacpp
models:
  primary: { model: qwen3-coder-30b-a3b, quantization: Q8_0, context: 131072, parallel: 4 }
`,
    )
    const refused = await runCli(['setup', '--profile', 'too-big', '--hardware', cpuBox, '--yes'], {env})
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toMatch(/the plan does not fit: \d+(\.\d+)? GiB needed of \d+(\.\d+)? GiB usable/)
    expect(refused.stderr).toMatch(/--force/)
    expect(existsSync(env.OAC_HOME)).toBe(false)
  })
})
