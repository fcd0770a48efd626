import {join} from 'node:path'
import type {HardwareReport} from '../hardware/types.js'
import {oacHome} from '../paths.js'
import {engineSupport} from '../profiles/budget.js'
import type {EngineId, ModelSpec} from '../profiles/schema.js'
import {baseUrl, platformOf, UnservableModel} from './launch-each.js'
import {engineVersion} from './pins.js'
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
  launch: {repo: string; revision?: string | undefined; command: string[]; notes: string[]},
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
    weights: launch.revision
      ? {kind: 'hf', repo: launch.repo, revision: launch.revision}
      : {kind: 'hf', repo: launch.repo},
    prepare: [],
    notes: launch.notes,
  }
}

/** `pip install <package>==<version>` into a venv under OAC_HOME (or options.venv); unsupported platforms say what to use. */
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
  const version = engine === 'vllm' || engine === 'sglang' ? engineVersion(engine, options?.engineVersion) : undefined
  const spec = version ? `${pkg}==${version}` : pkg
  return {
    engine,
    platform,
    supported: true,
    commands: [`python3 -m venv ${venv}`, `${venv}/bin/pip install --upgrade pip`, `${venv}/bin/pip install ${spec}`],
    notes: version ? [note, `pinned to ${spec} (oac setup --engine-version installs another)`] : [note],
    ...(version ? {version} : {}),
  }
}

/** The pinned commit of the repository loaded: the catalog's, when that is the repository (not an AWQ or override). */
export function pinnedRevision(spec: ModelSpec, repo: string): string | undefined {
  return repo === spec.hf ? spec.revision : undefined
}

/**
 * The flags that let a server run a checkpoint's own Python (--trust-remote-code), pinned to commits: --revision of
 * the checkpoint and, when config.json points the code at another repository, --code-revision of that one (vLLM
 * has it; SGLang has no such flag, so such code cannot be pinned there). Unpinned code is refused (the model is
 * not served, and the setup says why) unless options.allowUnpinnedCode.
 */
export function remoteCodeArgs(
  engine: 'vllm' | 'sglang',
  model: string,
  spec: ModelSpec,
  repo: string,
  options?: LaunchOptions,
): {args: string[]; notes: string[]} {
  const revision = pinnedRevision(spec, repo)
  const pinCode = engine === 'vllm'
  const problems: string[] = []
  if (!revision)
    problems.push(
      repo === spec.hf || !spec.hf
        ? `the catalog pins no revision (commit) of ${repo}`
        : `${repo} is not the catalog's ${spec.hf}, whose revision is the pinned one`,
    )
  if (spec.remoteCode && !pinCode)
    problems.push(`its code comes from ${spec.remoteCode.repo}, which ${engine} cannot pin (it has no --code-revision)`)
  const args = ['--trust-remote-code', ...(revision ? ['--revision', revision] : [])]
  if (spec.remoteCode && pinCode) args.push('--code-revision', spec.remoteCode.revision)
  if (!problems.length) return {args, notes: []}
  if (!options?.allowUnpinnedCode)
    throw new UnservableModel(
      `${model} runs Python from the Hub (--trust-remote-code) that is not pinned: ${problems.join('; ')}. Pin it in models.yaml (revision: <commit>) or pass --allow-unpinned-code`,
    )
  return {args, notes: [`runs remote code that is not pinned (--allow-unpinned-code): ${problems.join('; ')}`]}
}
