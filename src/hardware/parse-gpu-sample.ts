// Live GPU readings (the router's dashboard and energy meter), parsed from the vendor tools' output. Pure: the
// commands run in gpu-sampler.ts; captured outputs are the tests' fixtures.

export interface GpuSample {
  index: number
  name: string
  utilizationPct?: number
  memoryUsedMiB?: number
  memoryTotalMiB?: number
  powerW?: number
  temperatureC?: number
}

/** The fields asked of nvidia-smi, in the order its CSV columns come back. */
export const NVIDIA_SAMPLE_FIELDS = [
  'index',
  'name',
  'utilization.gpu',
  'memory.used',
  'memory.total',
  'power.draw',
  'temperature.gpu',
] as const

/** argv for one reading of every NVIDIA GPU (https://docs.nvidia.com/deploy/nvidia-smi/, `--query-gpu`). */
export const NVIDIA_SAMPLE_ARGS = [`--query-gpu=${NVIDIA_SAMPLE_FIELDS.join(',')}`, '--format=csv,noheader,nounits']

// "[N/A]" and "[Not Supported]" are how nvidia-smi says a board does not report a field.
function num(value: string | undefined): number | undefined {
  const v = value?.trim()
  if (!v || v.startsWith('[')) return undefined
  const n = Number(v)
  return Number.isFinite(n) ? n : undefined
}

export function parseNvidiaSample(stdout: string): GpuSample[] {
  const gpus: GpuSample[] = []
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue
    const [index, name, util, used, total, power, temp] = line.split(',')
    const g: GpuSample = {index: num(index) ?? gpus.length, name: name?.trim() || 'NVIDIA GPU'}
    const set = <K extends keyof GpuSample>(k: K, v: GpuSample[K] | undefined) => {
      if (v !== undefined) g[k] = v
    }
    set('utilizationPct', num(util))
    set('memoryUsedMiB', num(used))
    set('memoryTotalMiB', num(total))
    set('powerW', num(power))
    set('temperatureC', num(temp))
    gpus.push(g)
  }
  return gpus
}

/** argv for one powermetrics reading of the Apple GPU (it needs root: run the router so, or allow it in sudoers). */
export const POWERMETRICS_ARGS = ['--samplers', 'gpu_power', '-i', '1000', '-n', '1']

/**
 * powermetrics' gpu_power sampler: "GPU HW active residency:  12.34% (...)" and "GPU Power: 1234 mW" (older
 * releases say "GPU power"). The unified memory is not a GPU reading, so memory stays unset.
 */
export function parsePowermetrics(stdout: string): GpuSample[] {
  const residency = /GPU (?:HW )?active residency:\s*([\d.]+)%/i.exec(stdout)?.[1]
  const milliwatts = /GPU Power:\s*([\d.]+)\s*mW/i.exec(stdout)?.[1]
  if (residency === undefined && milliwatts === undefined) return []
  const g: GpuSample = {index: 0, name: 'Apple GPU'}
  if (residency !== undefined) g.utilizationPct = Number(residency)
  if (milliwatts !== undefined) g.powerW = Number(milliwatts) / 1000
  return [g]
}
