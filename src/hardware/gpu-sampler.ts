import {runTool} from './collect.js'
import {
  type GpuSample,
  NVIDIA_SAMPLE_ARGS,
  POWERMETRICS_ARGS,
  parseNvidiaSample,
  parsePowermetrics,
} from './parse-gpu-sample.js'

// One reading of the GPUs, for whoever samples them over time (the router's power feed): nvidia-smi on Linux and
// Windows, powermetrics on macOS (root only; `sudo -n` where the user allowed it without a password). A tool that is
// missing or refuses is an answer too: `unavailable`, with the reason, so energy falls back to an estimate.

export type GpuReading =
  | {ok: true; tool: string; gpus: GpuSample[]}
  /** `missing`: the tool is not installed, so asking again is pointless. */
  | {ok: false; reason: string; missing: boolean}

export type GpuSampler = () => Promise<GpuReading>

export function gpuSampler(platform: NodeJS.Platform = process.platform): GpuSampler {
  if (platform === 'darwin')
    return async () => {
      for (const [cmd, args] of [
        ['powermetrics', POWERMETRICS_ARGS],
        ['sudo', ['-n', 'powermetrics', ...POWERMETRICS_ARGS]],
      ] as const) {
        const out = await runTool(cmd, [...args])
        if (out.status === 'ok') return {ok: true, tool: 'powermetrics', gpus: parsePowermetrics(out.stdout)}
      }
      return {
        ok: false,
        reason: 'powermetrics needs root (run the router as root, or allow it with sudo -n)',
        missing: false,
      }
    }
  return async () => {
    const out = await runTool('nvidia-smi', NVIDIA_SAMPLE_ARGS)
    if (out.status !== 'ok') return {ok: false, reason: out.detail, missing: out.status === 'missing'}
    return {ok: true, tool: 'nvidia-smi', gpus: parseNvidiaSample(out.stdout)}
  }
}
