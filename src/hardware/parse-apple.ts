import type {AppleChip, GpuInfo} from './types.js'

/** argv for system_profiler: the hardware overview (chip, memory) and the displays (GPU cores). */
export const SYSTEM_PROFILER_ARGS = ['-json', 'SPHardwareDataType', 'SPDisplaysDataType']
/** sysctl keys read on macOS; `iogpu.wired_limit_mb` is how much unified memory the GPU may wire (0 = default). */
export const SYSCTL_KEYS = [
  'hw.memsize',
  'hw.perflevel0.physicalcpu',
  'hw.perflevel1.physicalcpu',
  'machdep.cpu.brand_string',
  'iogpu.wired_limit_mb',
]

/** Parses `sysctl key...` output lines of the form `name: value`. */
export function parseSysctl(stdout: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of stdout.split('\n')) {
    const i = line.indexOf(':')
    if (i > 0) out[line.slice(0, i).trim()] = line.slice(i + 1).trim()
  }
  return out
}

interface SystemProfiler {
  SPHardwareDataType?: {chip_type?: string; physical_memory?: string; number_processors?: string}[]
  SPDisplaysDataType?: {sppci_model?: string; sppci_cores?: string; spdisplays_vendor?: string}[]
}

// "128 GB" → 128; system_profiler writes the size with a unit.
function gigabytes(text: string | undefined): number | undefined {
  const m = /([\d.]+)\s*(GB|TB)/i.exec(text ?? '')
  if (!m?.[1] || !m[2]) return undefined
  return Number(m[1]) * (m[2].toUpperCase() === 'TB' ? 1024 : 1)
}

/** Builds the Apple chip description from system_profiler JSON and (optionally) sysctl values. */
export function parseAppleHardware(
  systemProfilerJson: string,
  sysctl: Record<string, string> = {},
): {apple: AppleChip; gpus: GpuInfo[]} | undefined {
  const data = JSON.parse(systemProfilerJson) as SystemProfiler
  const hw = data.SPHardwareDataType?.[0]
  const chip = hw?.chip_type
  if (!chip) return undefined
  const memsize = Number(sysctl['hw.memsize'])
  const memGiB = Number.isFinite(memsize) && memsize > 0 ? memsize / 1024 ** 3 : gigabytes(hw.physical_memory)
  const apple: AppleChip = {chip, unifiedMemoryGiB: memGiB ?? 0}
  const display =
    data.SPDisplaysDataType?.find((d) => d.spdisplays_vendor === 'sppci_vendor_Apple') ?? data.SPDisplaysDataType?.[0]
  const cores = Number(display?.sppci_cores)
  if (Number.isFinite(cores) && cores > 0) apple.gpuCores = cores
  // "proc 16:12:4" = total:performance:efficiency
  const procs = /proc\s+(\d+):(\d+):(\d+)/.exec(hw.number_processors ?? '')
  const perf = Number(sysctl['hw.perflevel0.physicalcpu'] ?? procs?.[2])
  const eff = Number(sysctl['hw.perflevel1.physicalcpu'] ?? procs?.[3])
  if (Number.isFinite(perf) && perf > 0) apple.performanceCores = perf
  if (Number.isFinite(eff) && eff > 0) apple.efficiencyCores = eff
  const wired = Number(sysctl['iogpu.wired_limit_mb'])
  if (Number.isFinite(wired) && wired > 0) apple.gpuWiredLimitMiB = wired
  const gpu: GpuInfo = {
    vendor: 'apple',
    name: display?.sppci_model ?? chip,
    vramTotalMiB: Math.round(apple.unifiedMemoryGiB * 1024),
  }
  if (apple.gpuCores) gpu.cores = apple.gpuCores
  return {apple, gpus: [gpu]}
}
