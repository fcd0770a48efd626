// The raw material of `oac detect`: what systeminformation said and what each vendor tool printed.
// Live detection fills it by running the tools; tests fill it from fixtures/hardware/<box>/.

/** What one vendor tool produced: its stdout, or why there is none. */
export type ToolOutput = {status: 'ok'; stdout: string} | {status: 'missing' | 'failed'; detail: string}

/** The subset of systeminformation's answers that detection uses. */
export interface SystemFacts {
  platform: string
  arch: string
  distro?: string
  release?: string
  cpuModel: string
  cores: number
  physicalCores?: number
  ramBytes: number
  diskFreeBytes?: number
  /** systeminformation's graphics controllers; the fallback when no vendor tool answers. */
  graphics: {vendor: string; model: string; vramMiB?: number}[]
}

export interface HardwareCaptures {
  system: SystemFacts
  /** Keyed by tool name: `nvidia-smi` (CSV query), `nvidia-smi-header` (plain run, for the CUDA version), `rocm-smi`, `system_profiler`, `sysctl`. */
  tools: Partial<Record<VendorTool, ToolOutput>>
}

export type VendorTool = 'nvidia-smi' | 'nvidia-smi-header' | 'rocm-smi' | 'system_profiler' | 'sysctl'
