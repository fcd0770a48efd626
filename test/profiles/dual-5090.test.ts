import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadHardware} from '../../src/hardware/load-captures.js'
import {builtinProfilesDir, loadCatalog} from '../../src/profiles/catalog.js'
import {findProfile, loadProfiles} from '../../src/profiles/load-profiles.js'
import {matchProfile} from '../../src/profiles/match.js'
import {planProfile} from '../../src/profiles/plan.js'
import {renderPlan} from '../../src/profiles/render-plan.js'

// fixtures/hardware/dual-5090: the rtx5090 capture with a second card on another PCIe bus.
const hardware = loadHardware(join(import.meta.dirname, '../../fixtures/hardware/dual-5090'))
const catalog = loadCatalog([builtinProfilesDir()])
const profiles = loadProfiles(catalog, [builtinProfilesDir()])

describe('dual-5090 profile', () => {
  it('is the profile of a box with two 5090s, and one 5090 stays rtx5090', () => {
    expect(matchProfile(profiles, hardware)?.id).toBe('dual-5090')
    expect(matchProfile(profiles, {...hardware, gpus: hardware.gpus.slice(0, 1)})?.id).toBe('rtx5090')
  })

  it('plans vLLM tensor parallel 2 within 90% of 64 GB, as its golden says', async () => {
    const plan = planProfile(findProfile(profiles, 'dual-5090'), hardware, catalog)
    expect(plan).toMatchObject({engine: 'vllm', tensorParallel: 2, fits: true})
    expect(plan.budget).toMatchObject({kind: 'vram', gpus: 2, usableGiB: 57.32})
    expect(plan.requiredGiB).toBeLessThanOrEqual(plan.budget.usableGiB)
    await expect(renderPlan(plan)).toMatchFileSnapshot('golden/dual-5090.txt')
  })
})
