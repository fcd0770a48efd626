// What `oac detect` found. Every field a vendor tool could not provide is absent, never guessed.

/** Outcome of running one vendor tool (nvidia-smi, rocm-smi, system_profiler, sysctl). */
export interface ToolProbe {
  tool: string
  status: 'ok' | 'missing' | 'failed'
  /** Why it failed or was missing, in words a user can act on. */
  detail?: string
}

export interface GpuInfo {
  vendor: 'nvidia' | 'amd' | 'apple' | 'intel' | 'other'
  name: string
  /** Total and free memory in MiB. On Apple Silicon this is the unified memory. */
  vramTotalMiB?: number
  vramFreeMiB?: number
  driver?: string
  cudaVersion?: string
  /** e.g. "12.0" for Blackwell RTX 5090 (sm_120), "8.9" for Ada RTX 4090. */
  computeCapability?: string
  /** Apple GPU core count. */
  cores?: number
  /** PCI bus id, to tell identical cards apart. */
  busId?: string
  /** Board power draw in watts, when the vendor tool reports it (for energy figures). */
  powerDrawW?: number
  powerLimitW?: number
}

export interface AppleChip {
  chip: string
  unifiedMemoryGiB: number
  gpuCores?: number
  performanceCores?: number
  efficiencyCores?: number
  /** `iogpu.wired_limit_mb` when raised above the default (macOS lets the GPU wire ~75% of RAM otherwise). */
  gpuWiredLimitMiB?: number
}

export interface HardwareReport {
  os: {platform: NodeJS.Platform | string; distro?: string; release?: string; arch: string}
  cpu: {model: string; cores: number; physicalCores?: number}
  ramGiB: number
  gpus: GpuInfo[]
  apple?: AppleChip
  /** Free disk space in GiB where models are stored (OAC_HOME), for download checks. */
  diskFreeGiB?: number
  probes: ToolProbe[]
}
