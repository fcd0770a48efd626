import type {HardwareReport} from '../hardware/types.js'
import {compareVersions} from './compare-versions.js'
import type {Pitfall} from './types.js'

// Machine problems that several engines share, found from the hardware report, each with its fix.

/** The NVIDIA GPUs of the report. */
export function nvidiaGpus(hw: HardwareReport): HardwareReport['gpus'] {
  return hw.gpus.filter((g) => g.vendor === 'nvidia')
}

/**
 * Blackwell GPUs (compute capability 10.x: B200; 12.x: RTX 50x0, RTX PRO 6000) have kernels only from CUDA 12.8 on,
 * so a driver whose CUDA is older cannot run them, whatever the engine was built with. nvidia-smi's "CUDA Version" is
 * the newest CUDA the driver supports; 12.8 came with the R570 drivers.
 * https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/ (CUDA 12.8: "added support for ... SM_100, SM_120"),
 * https://developer.nvidia.com/cuda-gpus (RTX 5090: compute capability 12.0).
 */
export function blackwellCudaPitfall(hw: HardwareReport, engine: string): Pitfall | undefined {
  const blackwell = nvidiaGpus(hw).find((g) => g.computeCapability && Number(g.computeCapability.split('.')[0]) >= 10)
  if (!blackwell) return undefined
  const cuda = blackwell.cudaVersion
  if (cuda && compareVersions(cuda, '12.8') >= 0) return undefined
  return {
    id: 'blackwell-cuda',
    severity: 'error',
    message: `${blackwell.name} is Blackwell (compute capability ${blackwell.computeCapability}): ${engine} needs CUDA >= 12.8, and the driver ${
      cuda ? `supports CUDA ${cuda} only` : 'did not report its CUDA version'
    }`,
    fix: 'install an NVIDIA driver of the R570 series or newer (CUDA 12.8+), e.g. `sudo ubuntu-drivers install` or the .run installer from nvidia.com, then reboot',
  }
}

/**
 * macOS lets the GPU wire only part of unified memory (about 75% above 36 GB, 2/3 below) unless
 * `iogpu.wired_limit_mb` is raised; models past that limit fail to load or swap. The sysctl resets at reboot.
 * See llama.cpp discussion #2182 and mlx-lm's README ("Large Models": `sudo sysctl iogpu.wired_limit_mb=N`).
 */
export function appleWiredLimitPitfall(hw: HardwareReport): Pitfall | undefined {
  const apple = hw.apple
  if (!apple || apple.gpuWiredLimitMiB) return undefined
  const ram = apple.unifiedMemoryGiB
  const share = ram > 36 ? 0.75 : 2 / 3
  // Leave macOS itself 8 GiB or a tenth of memory, whichever is more.
  const raisedMiB = Math.floor((ram - Math.max(8, ram * 0.1)) * 1024)
  return {
    id: 'apple-gpu-wired-limit',
    severity: 'warning',
    message: `the GPU may use only about ${Math.round(share * 100)}% of the ${ram} GiB unified memory (${
      Math.round(ram * share * 10) / 10
    } GiB) unless iogpu.wired_limit_mb is raised`,
    fix: `sudo sysctl iogpu.wired_limit_mb=${raisedMiB}   # until reboot; add it to /etc/sysctl.conf to keep it`,
  }
}

/** The pitfalls that apply (the undefined ones dropped). */
export function keep<T>(...items: (T | undefined)[]): T[] {
  return items.filter((x): x is T => x !== undefined)
}
