import {describe, expect, it} from 'vitest'
import {planFleet} from '../../src/fleet/plan.js'
import type {PlannedHost} from '../../src/fleet/types.js'
import type {HardwareReport} from '../../src/hardware/types.js'
import {builtinProfilesDir, loadCatalog} from '../../src/profiles/catalog.js'
import {findProfile, loadProfiles} from '../../src/profiles/load-profiles.js'
import {weightBytes} from '../../src/profiles/memory.js'

// The cross-host memory math against what people who ran these models published.
const catalog = loadCatalog([builtinProfilesDir()])
const profiles = loadProfiles(catalog, [builtinProfilesDir()])
const fp8 = catalog.quantizations.fp8 as NonNullable<typeof catalog.quantizations.fp8>
const within = (ours: number, published: number, share: number) =>
  expect(Math.abs(ours - published) / published).toBeLessThan(share)

function gpuHost(name: string, gpuName: string, vramMiB: number, count: number): PlannedHost {
  const hardware: HardwareReport = {
    os: {platform: 'linux', arch: 'x64'},
    cpu: {model: 'x', cores: 64},
    ramGiB: 1024,
    gpus: Array.from({length: count}, () => ({vendor: 'nvidia' as const, name: gpuName, vramTotalMiB: vramMiB})),
    probes: [],
  }
  return {
    host: {name, oac_profile: 'dual-4090', oac_link_gbps: 400, oac_port: 8000},
    hardware,
    profile: findProfile(profiles, 'dual-4090'),
  }
}

function mac(name: string, memoryGiB: number): PlannedHost {
  const hardware: HardwareReport = {
    os: {platform: 'darwin', arch: 'arm64'},
    cpu: {model: 'Apple M4 Pro', cores: 14},
    ramGiB: memoryGiB,
    gpus: [],
    apple: {chip: 'Apple M4 Pro', unifiedMemoryGiB: memoryGiB},
    probes: [],
  }
  return {
    host: {name, oac_profile: 'm4-max', oac_link_gbps: 40, oac_port: 8080},
    hardware,
    profile: findProfile(profiles, 'm4-max'),
  }
}

describe('memory math against published deployments', () => {
  it('DeepSeek-V3 FP8 over 8 GPUs: ~83-84 GB of weights per GPU, OOM on 8 × 80 GB (LMDeploy)', () => {
    // github.com/InternLM/lmdeploy/issues/2960: peak memory 83-84 GB per GPU on 8 GPUs (~672 GB in all); the same
    // model ran out of memory on 8 × H800 (80 GB).
    const plan = planFleet([gpuHost('h800', 'NVIDIA H800', 81559, 8)], catalog, {
      model: 'deepseek-v3',
      quantization: 'fp8',
    })
    const perGpuGB = ((plan.hosts[0]?.weightsGiB ?? 0) * 1024 ** 3) / 8 / 1e9
    within(perGpuGB, 83.5, 0.1)
    expect(plan.fits).toBe(false)
  })

  it('DeepSeek-V3 FP8 fits two 8 × H100 nodes as TP 8 × PP 2 (vLLM parallelism guide)', () => {
    // docs.vllm.ai serving/parallelism_scaling: tensor_parallel_size 8 and pipeline_parallel_size 2 on 2 nodes of 8 GPUs.
    const plan = planFleet(
      [gpuHost('n1', 'NVIDIA H100 80GB HBM3', 81559, 8), gpuHost('n2', 'NVIDIA H100 80GB HBM3', 81559, 8)],
      catalog,
      {model: 'deepseek-v3', quantization: 'fp8'},
    )
    expect(plan).toMatchObject({engine: 'vllm', fits: true, layout: {tensorParallel: 8, pipelineParallel: 2}})
  })

  it('GLM-5.2 FP8 weights: 755 GB published for 754B parameters (Phala, 8 × H200)', () => {
    // phala.com/posts/glm-5-2-1m-context-8xh200: "cuts weight memory from 755 GB" (the official FP8 checkpoint).
    const spec = {...(catalog.models['glm-4.5'] as NonNullable<(typeof catalog.models)['glm-4.5']>), paramsB: 753.9}
    within(weightBytes(spec, fp8) / 1e9, 755, 0.1)
  })

  it('DeepSeek-V3 4-bit across eight 64 GB M4 Pro Mac minis, 512 GB in all (exo)', () => {
    // EXO Labs' "Day 2" post: DeepSeek V3 (671B) on an 8 × M4 Pro 64GB Mac Mini cluster.
    const macs = Array.from({length: 8}, (_, i) => mac(`mini-${i + 1}`, 64))
    const plan = planFleet(macs, catalog, {model: 'deepseek-v3', context: 8192})
    expect(plan).toMatchObject({engine: 'mlx', quantization: 'mlx-4bit', fits: true, singleHostFits: false})
    // 7 × 48 GiB (the default 75% GPU share of 64 GB) is less than the 351 GiB of 4-bit weights
    expect(planFleet(macs.slice(0, 7), catalog, {model: 'deepseek-v3', context: 8192}).fits).toBe(false)
  })
})
