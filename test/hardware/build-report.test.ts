import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildHardwareReport} from '../../src/hardware/build-report.js'
import type {HardwareCaptures} from '../../src/hardware/captures.js'
import {hardwareFingerprint} from '../../src/hardware/fingerprint.js'
import {loadCaptures, loadHardware} from '../../src/hardware/load-captures.js'
import {parseNvidiaSmiCsv, parseNvidiaSmiCudaVersion} from '../../src/hardware/parse-nvidia-smi.js'
import {parseRocmSmiJson} from '../../src/hardware/parse-rocm-smi.js'

const fixture = (name: string) => join(import.meta.dirname, '../../fixtures/hardware', name)
const report = (name: string) => buildHardwareReport(loadCaptures(fixture(name)))

describe('hardware reports from captured tool outputs', () => {
  it('reads one RTX 5090 with driver, CUDA version and compute capability', () => {
    const hw = report('rtx5090')
    expect(hw.gpus).toEqual([
      {
        vendor: 'nvidia',
        name: 'NVIDIA GeForce RTX 5090',
        vramTotalMiB: 32607,
        vramFreeMiB: 31842,
        driver: '575.57.08',
        cudaVersion: '12.9',
        computeCapability: '12.0',
        busId: '00000000:01:00.0',
        powerDrawW: 28.53,
        powerLimitW: 575,
      },
    ])
    expect(hw.cpu).toEqual({model: 'AMD Ryzen 9 9950X 16-Core Processor', cores: 32, physicalCores: 16})
    expect(hw.ramGiB).toBe(93.9)
    expect(hw.probes).toContainEqual({tool: 'nvidia-smi', status: 'ok'})
    expect(hw.probes).toContainEqual({
      tool: 'rocm-smi',
      status: 'missing',
      detail: 'rocm-smi is not installed or not on PATH',
    })
  })

  it('reads two RTX 4090 as two GPUs told apart by bus id', () => {
    const hw = report('dual-4090')
    expect(hw.gpus.map((g) => [g.name, g.vramTotalMiB, g.computeCapability, g.busId, g.cudaVersion])).toEqual([
      ['NVIDIA GeForce RTX 4090', 24564, '8.9', '00000000:01:00.0', '12.4'],
      ['NVIDIA GeForce RTX 4090', 24564, '8.9', '00000000:41:00.0', '12.4'],
    ])
    expect(hw.gpus[1]?.vramFreeMiB).toBe(23687)
  })

  it('reads the M4 Max chip, unified memory, GPU cores and core split', () => {
    const hw = report('m4-max-128')
    expect(hw.apple).toEqual({
      chip: 'Apple M4 Max',
      unifiedMemoryGiB: 128,
      gpuCores: 40,
      performanceCores: 12,
      efficiencyCores: 4,
    })
    expect(hw.gpus).toEqual([{vendor: 'apple', name: 'Apple M4 Max', vramTotalMiB: 131072, cores: 40}])
    expect(hw.os).toMatchObject({platform: 'darwin', arch: 'arm64'})
  })

  it('reads an AMD GPU from rocm-smi JSON', () => {
    const hw = report('amd-7900xtx')
    expect(hw.gpus).toEqual([
      {
        vendor: 'amd',
        name: 'Radeon RX 7900 XTX',
        vramTotalMiB: 24560,
        vramFreeMiB: 23542,
        driver: '6.10.5',
        computeCapability: 'gfx1100',
        busId: '0000:03:00.0',
        powerDrawW: 21,
        powerLimitW: 327,
      },
    ])
  })

  it('reports a CPU-only box with both vendor tools missing', () => {
    const hw = report('cpu-linux')
    expect(hw.gpus).toEqual([])
    expect(hw.probes.map((p) => `${p.tool}:${p.status}`).sort()).toEqual(['nvidia-smi:missing', 'rocm-smi:missing'])
  })

  it('treats [N/A] and [Not Supported] fields as unknown, not as values', () => {
    const gpus = parseNvidiaSmiCsv(
      'NVIDIA GeForce RTX 4090, 24564, [N/A], 550.54.14, 8.9, 00000000:01:00.0, [Not Supported], [N/A]\n',
    )
    expect(gpus[0]).toEqual({
      vendor: 'nvidia',
      name: 'NVIDIA GeForce RTX 4090',
      vramTotalMiB: 24564,
      driver: '550.54.14',
      computeCapability: '8.9',
      busId: '00000000:01:00.0',
    })
    expect(parseNvidiaSmiCudaVersion('no banner here')).toBeUndefined()
  })

  it('keeps both key spellings of rocm-smi releases', () => {
    const gpus = parseRocmSmiJson(
      '{"card0": {"Card series": "Radeon PRO W7900", "VRAM Total Memory (B)": "51522830336"}}',
    )
    expect(gpus).toEqual([{vendor: 'amd', name: 'Radeon PRO W7900', vramTotalMiB: 49136}])
  })
})

describe('vendor tools that fail', () => {
  const base = loadCaptures(fixture('rtx5090'))

  it('reports a failing nvidia-smi and falls back to what systeminformation saw', () => {
    const captures: HardwareCaptures = {
      system: base.system,
      tools: {
        'nvidia-smi': {
          status: 'failed',
          detail:
            "nvidia-smi exited with 9: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver",
        },
      },
    }
    const hw = buildHardwareReport(captures)
    expect(hw.probes).toEqual([
      {tool: 'nvidia-smi', status: 'failed', detail: expect.stringContaining("couldn't communicate")},
    ])
    expect(hw.gpus).toEqual([{vendor: 'nvidia', name: 'GB202 [GeForce RTX 5090]', vramTotalMiB: 32607}])
  })

  it('marks a tool whose output cannot be read as failed instead of crashing', () => {
    const hw = buildHardwareReport({
      system: base.system,
      tools: {'rocm-smi': {status: 'ok', stdout: 'ERROR: GPU[0] : not supported'}},
    })
    expect(hw.probes[0]).toMatchObject({tool: 'rocm-smi', status: 'failed'})
    expect(hw.probes[0]?.detail).toMatch(/^unreadable output/)
  })
})

describe('loading saved hardware', () => {
  it('accepts a capture folder and rejects a file that is not a report', () => {
    expect(loadHardware(fixture('dual-4090')).gpus).toHaveLength(2)
    expect(() => loadHardware(join(fixture('rtx5090'), 'system.json'))).toThrow(/is not a hardware report/)
    expect(() => loadHardware(fixture('nope'))).toThrow(/does not exist/)
  })

  it('fingerprints boxes apart but ignores free memory', () => {
    const a = report('dual-4090')
    const b = structuredClone(a)
    for (const g of b.gpus) g.vramFreeMiB = 1
    expect(hardwareFingerprint(a)).toBe(hardwareFingerprint(b))
    expect(hardwareFingerprint(a)).not.toBe(hardwareFingerprint(report('rtx5090')))
  })
})
