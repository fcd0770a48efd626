import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {launchPlan} from '../../src/engines/lmdeploy.js'
import {loadHardware} from '../../src/hardware/load-captures.js'
import {engineSupport} from '../../src/profiles/budget.js'
import {builtinProfilesDir, loadCatalog} from '../../src/profiles/catalog.js'
import {findProfile, loadProfiles} from '../../src/profiles/load-profiles.js'
import {planProfile} from '../../src/profiles/plan.js'
import {renderPlan} from '../../src/profiles/render-plan.js'

// LMDeploy on the plan side: the dual-5090 box planned with LMDeploy instead of vLLM, its memory fit and the
// `lmdeploy serve api_server` commands, as a golden.
const hardware = loadHardware(join(import.meta.dirname, '../../fixtures/hardware/dual-5090'))
const catalog = loadCatalog([builtinProfilesDir()])
const profile = {
  ...findProfile(loadProfiles(catalog, [builtinProfilesDir()]), 'dual-5090'),
  engine: 'lmdeploy' as const,
}

describe('LMDeploy plan', () => {
  it('plans tensor parallel 2 on two 5090s and prints api_server commands with the planned memory', async () => {
    const plan = planProfile(profile, hardware, catalog)
    expect(plan).toMatchObject({engine: 'lmdeploy', tensorParallel: 2, fits: true})
    const launch = launchPlan(plan, catalog, hardware)
    const primary = launch.servers.find((s) => s.role === 'primary')
    expect(primary?.command.slice(0, 3)).toEqual(['lmdeploy', 'serve', 'api_server'])
    expect(primary?.command).toEqual(
      expect.arrayContaining(['--tp', '2', '--model-format', 'awq', '--quant-policy', '8']),
    )
    expect(launch.skipped.map((s) => s.model)).toEqual(['nomic-embed-text-v1.5'])
    const commands = launch.servers.map((s) => `  ${s.role}: ${s.command.join(' ')}`)
    const skipped = launch.skipped.map((s) => `  skipped ${s.model}: ${s.reason}`)
    await expect([renderPlan(plan), '', 'Launch:', ...commands, ...skipped, ''].join('\n')).toMatchFileSnapshot(
      'golden/lmdeploy-dual-5090.txt',
    )
  })

  it('is refused on a Mac and without an NVIDIA GPU', () => {
    expect(engineSupport('lmdeploy', {...hardware, gpus: []})).toBe('LMDeploy needs Linux with an NVIDIA GPU')
    expect(engineSupport('lmdeploy', hardware)).toBeUndefined()
  })
})
