import type {HardwareReport} from '../hardware/types.js'
import type {EngineId, Profile} from './schema.js'

/** The memory a plan may fill, and where it comes from. */
export interface MemoryBudget {
  kind: 'vram' | 'unified' | 'ram'
  /** All the memory of that kind, in GiB. */
  totalGiB: number
  /** What the engine may use: the GPU's share (profile memoryFraction) or, for Apple, the GPU wired limit. */
  usableGiB: number
  gpus: number
  detail: string
}

const GPU_ENGINES: EngineId[] = ['vllm', 'sglang', 'lmdeploy', 'llamacpp', 'ollama', 'embedded']

/** Whether an engine runs on this hardware at all, and why not. */
export function engineSupport(engine: EngineId, hw: HardwareReport): string | undefined {
  const nvidia = hw.gpus.some((g) => g.vendor === 'nvidia')
  const amd = hw.gpus.some((g) => g.vendor === 'amd')
  if (engine === 'vllm' && !(hw.os.platform === 'linux' && (nvidia || amd)))
    return 'vLLM needs Linux with an NVIDIA or AMD GPU'
  if (engine === 'sglang' && !(hw.os.platform === 'linux' && nvidia)) return 'SGLang needs Linux with an NVIDIA GPU'
  // LMDeploy's TurboMind and PyTorch engines are CUDA builds (the pip wheels target NVIDIA GPUs).
  if (engine === 'lmdeploy' && !(hw.os.platform === 'linux' && nvidia)) return 'LMDeploy needs Linux with an NVIDIA GPU'
  if (engine === 'mlx' && !(hw.os.platform === 'darwin' && hw.apple)) return 'MLX needs a Mac with Apple Silicon'
  return undefined
}

// macOS lets the GPU wire about 75% of unified memory on machines above 36 GB and about 2/3 below, unless
// `sysctl iogpu.wired_limit_mb` raises it (see llama.cpp discussion #2182 and Apple's Metal recommendedMaxWorkingSetSize).
function appleGpuShare(ramGiB: number): number {
  return ramGiB > 36 ? 0.75 : 2 / 3
}

/** The memory budget for an engine on this hardware. */
export function memoryBudget(
  hw: HardwareReport,
  engine: EngineId,
  profile: Pick<Profile, 'memoryFraction'>,
): MemoryBudget {
  const round = (x: number) => Math.round(x * 100) / 100
  if (hw.apple) {
    const total = hw.apple.unifiedMemoryGiB
    const limit = hw.apple.gpuWiredLimitMiB ? hw.apple.gpuWiredLimitMiB / 1024 : total * appleGpuShare(total)
    const why = hw.apple.gpuWiredLimitMiB ? 'iogpu.wired_limit_mb' : 'the macOS default GPU limit'
    return {
      kind: 'unified',
      totalGiB: total,
      usableGiB: round(limit * profile.memoryFraction),
      gpus: 1,
      detail: `${round(limit)} GiB of ${total} GiB unified memory (${why})`,
    }
  }
  const gpus = hw.gpus.filter((g) => (g.vendor === 'nvidia' || g.vendor === 'amd') && g.vramTotalMiB)
  if (gpus.length && GPU_ENGINES.includes(engine)) {
    const total = gpus.reduce((s, g) => s + (g.vramTotalMiB ?? 0), 0) / 1024
    return {
      kind: 'vram',
      totalGiB: round(total),
      usableGiB: round(total * profile.memoryFraction),
      gpus: gpus.length,
      detail: `${gpus.length} × ${gpus[0]?.name}, ${Math.round(profile.memoryFraction * 100)}% of VRAM`,
    }
  }
  // Without a GPU the models share RAM with everything else: never plan past 80% of it.
  const share = Math.min(profile.memoryFraction, 0.8)
  const total = hw.ramGiB
  return {
    kind: 'ram',
    totalGiB: total,
    usableGiB: round(total * share),
    gpus: 0,
    detail: `${Math.round(share * 100)}% of ${total} GiB RAM (no GPU)`,
  }
}
