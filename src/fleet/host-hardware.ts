import {loadHardware} from '../hardware/load-captures.js'
import type {GpuInfo, HardwareReport} from '../hardware/types.js'
import {ConfigError, lineOf} from '../profiles/load-yaml.js'
import type {FleetHost} from './inventory.js'

// A host without a captured `oac detect --json` is planned on its profile's nominal build. The sizes are what
// nvidia-smi reports for each card (fixtures/hardware/*/nvidia-smi.csv) and the largest M4 Max configuration.

const nvidia = (name: string, vramTotalMiB: number, count: number): GpuInfo[] =>
  Array.from({length: count}, () => ({vendor: 'nvidia' as const, name, vramTotalMiB}))

const linux = (gpus: GpuInfo[]): HardwareReport => ({
  os: {platform: 'linux', arch: 'x64'},
  cpu: {model: 'nominal', cores: 16},
  ramGiB: 128,
  gpus,
  probes: [],
})

const NOMINAL: Record<string, () => HardwareReport> = {
  rtx5090: () => linux(nvidia('NVIDIA GeForce RTX 5090', 32607, 1)),
  'dual-5090': () => linux(nvidia('NVIDIA GeForce RTX 5090', 32607, 2)),
  'dual-4090': () => linux(nvidia('NVIDIA GeForce RTX 4090', 24564, 2)),
  'm4-max': () => ({
    os: {platform: 'darwin', arch: 'arm64'},
    cpu: {model: 'Apple M4 Max', cores: 16},
    ramGiB: 128,
    gpus: [{vendor: 'apple', name: 'Apple M4 Max', vramTotalMiB: 131072, cores: 40}],
    apple: {chip: 'Apple M4 Max', unifiedMemoryGiB: 128, gpuCores: 40},
    probes: [],
  }),
}

/** The hardware a host is planned on: its capture when the inventory names one, else its profile's nominal build. */
export function hostHardware(host: FleetHost, inventoryFile: string): HardwareReport {
  if (host.hardwarePath) return loadHardware(host.hardwarePath)
  const nominal = host.oac_profile ? NOMINAL[host.oac_profile] : undefined
  if (nominal) return nominal()
  throw new ConfigError(
    inventoryFile,
    lineOf(inventoryFile, ['all', 'hosts', host.name]),
    `host ${host.name}: profile ${host.oac_profile} has no nominal build (known: ${Object.keys(NOMINAL).join(', ')}); give \`oac_hardware\`, a captured \`oac detect --json\``,
  )
}
