import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildHardwareReport} from '../../src/hardware/build-report.js'
import {loadCaptures} from '../../src/hardware/load-captures.js'
import {builtinProfilesDir, loadCatalog} from '../../src/profiles/catalog.js'
import {findProfile, loadProfiles} from '../../src/profiles/load-profiles.js'
import {ConfigError} from '../../src/profiles/load-yaml.js'
import {matchProfile} from '../../src/profiles/match.js'
import {planProfile} from '../../src/profiles/plan.js'

const hardware = (name: string) =>
  buildHardwareReport(loadCaptures(join(import.meta.dirname, '../../fixtures/hardware', name)))
const catalog = loadCatalog([builtinProfilesDir()])
const profiles = loadProfiles(catalog, [builtinProfilesDir()])

function userDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oac-profiles-'))
  mkdirSync(dir, {recursive: true})
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

describe('profile matching', () => {
  it.each([
    ['rtx5090', 'rtx5090'],
    ['dual-4090', 'dual-4090'],
    ['m4-max-128', 'm4-max'],
    ['cpu-linux', 'cpu'],
    ['amd-7900xtx', 'cpu'],
  ])('%s matches the %s profile', (fixture, id) => {
    expect(matchProfile(profiles, hardware(fixture))?.id).toBe(id)
  })

  it('does not give one 4090 the dual-4090 profile', () => {
    const one = hardware('dual-4090')
    one.gpus = one.gpus.slice(0, 1)
    expect(matchProfile(profiles, one)?.id).toBe('cpu')
  })
})

describe('loading profiles', () => {
  it('names the file and line of a YAML syntax error', () => {
    const dir = userDir({'broken.yaml': 'id: broken\ndescription: [unclosed\nengine: vllm\n'})
    expect(() => loadProfiles(catalog, [dir])).toThrow(ConfigError)
    expect(() => loadProfiles(catalog, [dir])).toThrow(/broken\.yaml:\d+: invalid YAML/)
  })

  it('names the line and field of a value of the wrong shape', () => {
    const text = [
      'id: slow',
      'description: a test',
      'match: {priority: 1, any: true}',
      'engine: llamacpp',
      'models:',
      '  primary: {model: qwen2.5-coder-7b, context: lots}',
    ].join('\n')
    const dir = userDir({'slow.yaml': text})
    expect(() => loadProfiles(catalog, [dir])).toThrow(/slow\.yaml:6: `models\.primary\.context`: .*expected number/)
  })

  it('rejects an unknown engine with the allowed ones', () => {
    const dir = userDir({
      'x.yaml':
        'id: x\ndescription: d\nmatch: {any: true}\nengine: tgi\nmodels: {primary: {model: qwen2.5-coder-7b, context: 4096}}\n',
    })
    expect(() => loadProfiles(catalog, [dir])).toThrow(/x\.yaml:4: `engine`: .*vllm/)
  })

  it('rejects a model the catalog does not know, listing the known ones', () => {
    const dir = userDir({
      'x.yaml':
        'id: x\ndescription: d\nmatch: {any: true}\nengine: llamacpp\nmodels: {primary: {model: llama-9000, context: 4096}}\n',
    })
    expect(() => loadProfiles(catalog, [dir])).toThrow(/unknown model "llama-9000"; known: .*qwen3-coder-30b-a3b/)
  })

  it('lets a user profile replace a built-in one of the same id', () => {
    const dir = userDir({
      'cpu.yaml':
        'id: cpu\ndescription: my laptop\nmatch: {any: true}\nengine: ollama\nmodels: {primary: {model: qwen2.5-coder-1.5b, context: 4096}}\n',
    })
    const merged = loadProfiles(catalog, [builtinProfilesDir(), dir])
    expect(merged.filter((p) => p.id === 'cpu')).toHaveLength(1)
    expect(findProfile(merged, 'cpu')).toMatchObject({description: 'my laptop', engine: 'ollama'})
    expect(merged.map((p) => p.id)).toContain('rtx5090')
  })

  it('lists the known profiles for an unknown id', () => {
    expect(() => findProfile(profiles, 'h100')).toThrow(
      'Unknown profile "h100". Known profiles: cpu, dual-4090, dual-5090, m4-max, rtx5090',
    )
  })
})

describe('planning', () => {
  it('fits Qwen3-Coder-30B-A3B Q4_K_M with 64k context on one RTX 5090', () => {
    const plan = planProfile(findProfile(profiles, 'rtx5090'), hardware('rtx5090'), catalog)
    expect(plan.engine).toBe('llamacpp')
    expect(plan.models[0]).toMatchObject({role: 'primary', quantization: 'Q4_K_M', context: 65536})
    expect(plan.fits).toBe(true)
    expect(plan.requiredGiB).toBeLessThanOrEqual(plan.budget.usableGiB)
    expect(plan.primaryMaxContext).toBeGreaterThan(65536)
  })

  it('picks the best quality that fits: bf16 on a 128 GB M4 Max, awq on two 4090s', () => {
    expect(planProfile(findProfile(profiles, 'm4-max'), hardware('m4-max-128'), catalog).models[0]?.quantization).toBe(
      'mlx-bf16',
    )
    const dual = planProfile(findProfile(profiles, 'dual-4090'), hardware('dual-4090'), catalog)
    expect(dual).toMatchObject({engine: 'vllm', tensorParallel: 2, fits: true})
    expect(dual.models[0]?.quantization).toBe('awq')
  })

  it('says by how much a plan misses and what would fit instead', () => {
    const plan = planProfile(findProfile(profiles, 'rtx5090'), hardware('rtx5090'), catalog, {context: 262144})
    expect(plan.fits).toBe(false)
    expect(plan.headroomGiB).toBeLessThan(0)
    expect(plan.suggestions.join('\n')).toMatch(/a shorter context: --context \d+/)
    expect(plan.suggestions.join('\n')).toMatch(/the fallback model: qwen2.5-coder-7b/)
  })

  it('falls back to another engine where the profile engine cannot run', () => {
    const plan = planProfile(findProfile(profiles, 'm4-max'), hardware('cpu-linux'), catalog)
    expect(plan.engine).toBe('llamacpp')
    expect(plan.notes[0]).toMatch(/MLX needs a Mac/)
    expect(plan.models.find((m) => m.role === 'fast')?.quantization).toBe('Q8_0')
    expect(plan.budget.kind).toBe('ram')
  })

  it('caps a context the model does not support and says so', () => {
    const plan = planProfile(findProfile(profiles, 'cpu'), hardware('cpu-linux'), catalog, {context: 100_000})
    expect(plan.models[0]?.context).toBe(32768)
    expect(plan.notes.join()).toMatch(/supports at most 32768 tokens/)
  })
})
