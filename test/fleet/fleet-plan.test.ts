import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadInventory} from '../../src/fleet/inventory.js'
import {planFleetFromInventory} from '../../src/fleet/load-fleet.js'
import {renderFleetPlan} from '../../src/fleet/render.js'
import {ConfigError} from '../../src/profiles/load-yaml.js'

const inventory = (name: string) => join(import.meta.dirname, 'inventories', `${name}.yml`)

// Golden fleet plans (test/fleet/golden/): the split, the memory per host, the network verdict and every launch
// command, for the fleets the README describes.
describe('fleet plans', () => {
  it('splits GLM-4.5-Air over two 2×4090 boxes: vLLM on Ray, TP 2 inside each box, PP 2 across them', async () => {
    const plan = planFleetFromInventory(inventory('two-4090-boxes'), {model: 'glm-4.5-air'})
    expect(plan).toMatchObject({engine: 'vllm', layout: {tensorParallel: 2, pipelineParallel: 2}, fits: true})
    expect(plan.singleHostFits).toBe(false)
    expect(plan.network.verdict).toBe('ok')
    await expect(renderFleetPlan(plan)).toMatchFileSnapshot('golden/two-4090-boxes.txt')
  })

  it('runs DeepSeek-V3 4-bit over four M4 Max Macs with MLX distributed (ring backend, host file)', async () => {
    const plan = planFleetFromInventory(inventory('four-macs'), {model: 'deepseek-v3'})
    expect(plan).toMatchObject({engine: 'mlx', quantization: 'mlx-4bit', fits: true, singleHostFits: false})
    expect(plan.files[0]?.content).toContain('"ssh":"mac-4","ips":["192.168.50.4"]')
    await expect(renderFleetPlan(plan)).toMatchFileSnapshot('golden/four-macs.txt')
  })

  it('joins a 5090 and a 2×4090 box over llama.cpp RPC, the layers split by memory', async () => {
    const plan = planFleetFromInventory(inventory('mixed-rpc'), {model: 'gpt-oss-120b'})
    expect(plan).toMatchObject({engine: 'llamacpp', fits: true, singleHostFits: false})
    const [main, worker] = plan.hosts
    expect(worker?.share).toBeGreaterThan(main?.share ?? 1)
    expect(plan.launch.map((s) => s.command[0])).toEqual(['rpc-server', 'llama-server'])
    await expect(renderFleetPlan(plan)).toMatchFileSnapshot('golden/mixed-rpc.txt')
  })

  it('refuses tensor parallel across hosts over 1 GbE, with no launch commands', async () => {
    const plan = planFleetFromInventory(inventory('two-4090-boxes-1gbe'), {model: 'glm-4.5-air', layout: 'tensor'})
    expect(plan.refused).toMatch(/tensor parallel across hosts .* 1 Gb\/s .* use pipeline parallel/)
    expect(plan.launch).toEqual([])
    await expect(renderFleetPlan(plan)).toMatchFileSnapshot('golden/tensor-over-1gbe.txt')
  })

  it('lets pipeline parallel run over the same 1 GbE with a warning, and over 10 GbE without', () => {
    const slow = planFleetFromInventory(inventory('two-4090-boxes-1gbe'), {model: 'glm-4.5-air'})
    expect(slow.refused).toBeUndefined()
    expect(slow.network.verdict).toBe('slow')
    expect(planFleetFromInventory(inventory('two-4090-boxes'), {model: 'glm-4.5-air'}).network.verdict).toBe('ok')
  })

  it('says a model does not fit when the fleet is too small, instead of planning it', () => {
    const plan = planFleetFromInventory(inventory('two-4090-boxes'), {model: 'deepseek-v3'})
    expect(plan.fits).toBe(false)
    expect(plan.refused).toMatch(/does not fit these hosts/)
    expect(plan.launch).toEqual([])
  })
})

describe('fleet inventory', () => {
  it('plans a host from its captured hardware alone, with the profile that hardware matches', () => {
    const plan = planFleetFromInventory(inventory('captured'), {model: 'glm-4.5-air'})
    expect(plan.hosts.map((h) => [h.host, h.profile, h.devices])).toEqual([
      ['big-box', 'dual-5090', 2],
      ['old-box', 'dual-4090', 2],
    ])
    expect(plan.engine).toBe('llamacpp')
  })

  it('merges group vars under host vars, as Ansible does', () => {
    const inv = loadInventory(inventory('mixed-rpc'))
    expect(inv.hosts.map((h) => [h.name, h.oac_profile, h.oac_link_gbps, h.oac_port])).toEqual([
      ['rig-5090', 'rtx5090', 10, 8080],
      ['rig-4090', 'dual-4090', 10, 8000],
    ])
  })
})

describe('fleet inventory errors', () => {
  const write = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'oac-fleet-'))
    const file = join(dir, 'inventory.yml')
    writeFileSync(file, text)
    return file
  }

  it('names the file, line, host and field of a missing link speed', () => {
    const file = write('all:\n  hosts:\n    box-a:\n      oac_profile: dual-4090\n')
    expect(() => loadInventory(file)).toThrow(ConfigError)
    expect(() => loadInventory(file)).toThrow(/inventory\.yml:4: host box-a: `oac_link_gbps`: .*expected number/)
  })

  it('names the line of a wrong value set on a group', () => {
    const file = write('all:\n  vars:\n    oac_link_gbps: fast\n  hosts:\n    box-a: {oac_profile: dual-4090}\n')
    expect(() => loadInventory(file)).toThrow(/inventory\.yml:3: `all\.vars\.oac_link_gbps`/)
  })

  it('asks for a profile or captured hardware when a host has neither', () => {
    const file = write('all:\n  hosts:\n    box-a:\n      oac_link_gbps: 10\n')
    expect(() => loadInventory(file)).toThrow(/inventory\.yml:4: host box-a: give `oac_profile` or `oac_hardware`/)
  })

  it('refuses an inventory without hosts', () => {
    expect(() => loadInventory(write('all:\n  vars: {oac_link_gbps: 10}\n'))).toThrow(
      /inventory\.yml:\d+: the inventory has no hosts/,
    )
  })

  it('asks for a captured detect output when a profile has no nominal build', () => {
    const file = write('all:\n  hosts:\n    box-a: {oac_profile: cpu, oac_link_gbps: 10}\n')
    expect(() => planFleetFromInventory(file, {model: 'glm-4.5-air'})).toThrow(
      /host box-a: profile cpu has no nominal build.*oac_hardware/,
    )
  })
})
