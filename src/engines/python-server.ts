import {join} from 'node:path'
import type {HardwareReport} from '../hardware/types.js'
import {oacHome} from '../paths.js'
import {engineSupport} from '../profiles/budget.js'
import type {EngineId} from '../profiles/schema.js'
import {baseUrl, platformOf} from './launch-each.js'
import {nvidiaGpus} from './pitfalls.js'
import type {InstallPlan, LaunchInput, LaunchOptions, LaunchSpec} from './types.js'

// What vLLM and SGLang share: Python servers of Hugging Face checkpoints, installed with pip into a venv, spreading
// a model over GPUs with NCCL.

/**
 * GeForce RTX 4090s (and 5090s) have no NVLink and NVIDIA disables PCIe peer-to-peer on them in the driver. On some boards
 * (IOMMU/ACS settings, some drivers) the GPUs still report P2P as possible, and NCCL's P2P transport then hangs or
 * returns garbage during tensor-parallel all-reduce. NCCL_P2P_DISABLE=1 makes NCCL copy through host shared memory
 * instead: slower on paper, the only path that works on these cards.
 * https://docs.nvidia.com/deeplearning/nccl/user-guide/docs/env.html#nccl-p2p-disable,
 * https://docs.vllm.ai/en/latest/usage/troubleshooting.html (hangs with multiple GPUs: try NCCL_P2P_DISABLE=1).
 */
export function needsP2pDisabled(hw: HardwareReport, tensorParallel: number): boolean {
  return tensorParallel > 1 && nvidiaGpus(hw).some((g) => /GeForce RTX [45]0\d0/i.test(g.name))
}

/** The launch spec of one server process of a Hugging Face checkpoint, with the NCCL setting its GPUs need. */
export function hfServerSpec(
  engine: EngineId,
  healthPath: string,
  {planned, plan, hw, port}: LaunchInput,
  host: string,
  launch: {repo: string; command: string[]; notes: string[]},
): LaunchSpec {
  const env: Record<string, string> = {}
  if (needsP2pDisabled(hw, plan.tensorParallel)) env.NCCL_P2P_DISABLE = '1'
  return {
    engine,
    role: planned.role,
    model: planned.model,
    servedName: planned.model,
    command: launch.command,
    env,
    port,
    baseUrl: baseUrl(host, port),
    healthPath,
    weights: {kind: 'hf', repo: launch.repo},
    prepare: [],
    notes: launch.notes,
  }
}

/** `pip install <package>` into a venv under OAC_HOME (or options.venv); unsupported platforms say what to use. */
export function pipVenvInstall(
  engine: EngineId,
  pkg: string,
  hw: HardwareReport,
  note: string,
  options?: LaunchOptions,
): InstallPlan {
  const platform = platformOf(hw)
  const unsupported = engineSupport(engine, hw)
  if (unsupported)
    return {engine, platform, supported: false, commands: [], notes: [`${unsupported}; use llama.cpp instead`]}
  const venv = options?.venv ?? join(oacHome(), 'venvs', engine)
  return {
    engine,
    platform,
    supported: true,
    commands: [`python3 -m venv ${venv}`, `${venv}/bin/pip install --upgrade pip`, `${venv}/bin/pip install ${pkg}`],
    notes: [note],
  }
}
