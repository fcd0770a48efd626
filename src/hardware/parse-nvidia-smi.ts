import type {GpuInfo} from './types.js'

/** The fields `oac detect` asks nvidia-smi for, in the order the CSV columns come back. */
export const NVIDIA_SMI_FIELDS = [
  'name',
  'memory.total',
  'memory.free',
  'driver_version',
  'compute_cap',
  'pci.bus_id',
  'power.draw',
  'power.limit',
] as const

/** argv for `nvidia-smi --query-gpu=... --format=csv,noheader,nounits`. */
export const NVIDIA_SMI_ARGS = [`--query-gpu=${NVIDIA_SMI_FIELDS.join(',')}`, '--format=csv,noheader,nounits']

// nvidia-smi prints "[N/A]" or "[Not Supported]" for fields a board does not report.
function field(value: string | undefined): string | undefined {
  const v = value?.trim()
  return v && !v.startsWith('[') ? v : undefined
}

function numberField(value: string | undefined): number | undefined {
  const v = field(value)
  if (v === undefined) return undefined
  const n = Number(v)
  return Number.isFinite(n) ? n : undefined
}

/** Parses the CSV of NVIDIA_SMI_ARGS: one GPU per line, values without units (MiB, W). */
export function parseNvidiaSmiCsv(stdout: string, cudaVersion?: string): GpuInfo[] {
  const gpus: GpuInfo[] = []
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue
    const [name, total, free, driver, cc, busId, draw, limit] = line.split(',')
    const gpu: GpuInfo = {vendor: 'nvidia', name: field(name) ?? 'NVIDIA GPU'}
    const set = <K extends keyof GpuInfo>(key: K, value: GpuInfo[K] | undefined) => {
      if (value !== undefined) gpu[key] = value
    }
    set('vramTotalMiB', numberField(total))
    set('vramFreeMiB', numberField(free))
    set('driver', field(driver))
    set('cudaVersion', cudaVersion)
    set('computeCapability', field(cc))
    set('busId', field(busId))
    set('powerDrawW', numberField(draw))
    set('powerLimitW', numberField(limit))
    gpus.push(gpu)
  }
  return gpus
}

/** The highest CUDA version the driver supports, from the banner of a plain `nvidia-smi` run. */
export function parseNvidiaSmiCudaVersion(banner: string): string | undefined {
  return /CUDA Version:\s*([\d.]+)/.exec(banner)?.[1]
}
