import type {HardwareReport} from '../hardware/types.js'
import {engineSupport} from '../profiles/budget.js'
import type {Catalog} from '../profiles/catalog.js'
import type {Plan} from '../profiles/plan.js'
import type {ModelSpec} from '../profiles/schema.js'
import {LOCALHOST, launchEach, memoryShare, platformOf, venvBin} from './launch-each.js'
import {blackwellCudaPitfall, keep, nvidiaGpus} from './pitfalls.js'
import {hfServerSpec, pinnedRevision, pipVenvInstall, remoteCodeArgs} from './python-server.js'
import type {EngineLaunch, EngineModule, InstallPlan, LaunchInput, LaunchOptions, LaunchSpec, Pitfall} from './types.js'

// vLLM's OpenAI-compatible server. Flags as documented for `vllm serve`:
// https://docs.vllm.ai/en/latest/cli/serve.html (engine arguments: --max-model-len, --gpu-memory-utilization,
// --kv-cache-dtype, --tensor-parallel-size, --max-num-seqs, --enable-prefix-caching, --served-model-name),
// https://docs.vllm.ai/en/latest/features/tool_calling.html (--enable-auto-tool-choice, --tool-call-parser:
// qwen3_coder, hermes for Qwen2.5, glm45, openai for gpt-oss, mistral),
// https://docs.vllm.ai/en/latest/models/pooling_models.html (--runner pooling for embedding models).

export const id = 'vllm' as const
export const defaultPort = 8000
/** GET /health answers 200 once the engine is up (https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html). */
export const healthPath = '/health'

/** --kv-cache-dtype takes auto (the model's dtype) or fp8 variants; the GGUF cache types map to the nearest. */
export function kvCacheDtype(kvCacheType: string): {dtype: string; note?: string} {
  if (kvCacheType === 'f16' || kvCacheType === 'bf16') return {dtype: 'auto'}
  if (kvCacheType === 'fp8') return {dtype: 'fp8'}
  return {dtype: 'fp8', note: `vLLM has no ${kvCacheType} KV cache; using fp8, the nearest it has`}
}

/**
 * The checkpoint vLLM loads for a quantization. bf16 is the catalog's repository; fp8 quantizes that repository
 * on load (`--quantization fp8`, https://docs.vllm.ai/en/latest/features/quantization/fp8.html); AWQ needs a
 * pre-quantized checkpoint, assumed at `<repo>-AWQ` (the name Qwen gives its own AWQ uploads) unless
 * `options.repos` names another.
 */
export function checkpoint(
  model: string,
  spec: ModelSpec,
  quantization: string,
  options?: LaunchOptions,
): {repo: string; args: string[]; notes: string[]} {
  const override = options?.repos?.[model]
  const base = spec.hf ?? model
  if (override) return {repo: override, args: [], notes: []}
  if (quantization === 'fp8') return {repo: base, args: ['--quantization', 'fp8'], notes: []}
  if (quantization === 'awq')
    return {
      repo: `${base}-AWQ`,
      args: [],
      notes: [`assumed the AWQ checkpoint ${base}-AWQ; set another with the repos option if it does not exist`],
    }
  return {repo: base, args: [], notes: []}
}

export function launch(input: LaunchInput): LaunchSpec {
  const {planned, plan, spec, port, options} = input
  const host = options?.host ?? LOCALHOST
  const ckpt = checkpoint(planned.model, spec, planned.quantization, options)
  const notes = [...ckpt.notes]
  const revision = pinnedRevision(spec, ckpt.repo)
  const args = [
    venvBin('vllm', options),
    'serve',
    ckpt.repo,
    '--host',
    host,
    '--port',
    String(port),
    '--served-model-name',
    planned.model,
    '--max-model-len',
    String(planned.context),
    '--gpu-memory-utilization',
    String(memoryShare(planned, plan)),
    '--tensor-parallel-size',
    String(plan.tensorParallel),
    '--max-num-seqs',
    String(planned.parallel),
    ...ckpt.args,
  ]
  if (spec.kind === 'embedding') {
    // nomic-bert ships its modelling code in a Hub repository: run it only at pinned commits.
    const remote = remoteCodeArgs(id, planned.model, spec, ckpt.repo, options)
    args.push('--runner', 'pooling', ...remote.args)
    notes.push(...remote.notes)
  } else {
    if (revision) args.push('--revision', revision)
    const kv = kvCacheDtype(plan.kvCacheType)
    if (kv.note) notes.push(kv.note)
    args.push('--kv-cache-dtype', kv.dtype, '--enable-prefix-caching')
    if (spec.toolCallParser) args.push('--enable-auto-tool-choice', '--tool-call-parser', spec.toolCallParser)
    else notes.push(`${planned.model} has no tool-call parser in the catalog: tool calls come back as text`)
  }
  return hfServerSpec(id, healthPath, input, host, {repo: ckpt.repo, revision, command: args, notes})
}

/** One vLLM process per planned model, on consecutive ports. */
export function launchPlan(plan: Plan, catalog: Catalog, hw: HardwareReport, options?: LaunchOptions): EngineLaunch {
  return launchEach({id, defaultPort, launch}, plan, catalog, hw, options)
}

export function versionCommand(options?: LaunchOptions): string[] {
  return [venvBin('vllm', options), '--version']
}

/** pip into a virtual environment (https://docs.vllm.ai/en/latest/getting_started/installation/gpu.html). */
export function install(hw: HardwareReport, options?: LaunchOptions): InstallPlan {
  if (!engineSupport(id, hw) && !nvidiaGpus(hw).length)
    return {
      engine: id,
      platform: platformOf(hw),
      supported: true,
      commands: [],
      notes: ['the pip wheels are built for CUDA: on AMD GPUs use the ROCm image rocm/vllm or build from source'],
    }
  return pipVenvInstall(
    id,
    'vllm',
    hw,
    'needs Python 3.9–3.12 and an NVIDIA driver; the wheels bundle their own CUDA runtime',
    options,
  )
}

export function pitfalls(hw: HardwareReport): Pitfall[] {
  const unsupported = engineSupport(id, hw)
  return keep<Pitfall>(
    unsupported
      ? {id: 'platform', severity: 'error', message: unsupported, fix: 'use llama.cpp, Ollama or (on a Mac) MLX-LM'}
      : undefined,
    blackwellCudaPitfall(hw, 'vLLM'),
    nvidiaGpus(hw).some((g) => g.computeCapability && Number(g.computeCapability) < 7)
      ? {
          id: 'compute-capability',
          severity: 'error',
          message: 'vLLM needs an NVIDIA GPU of compute capability 7.0 or higher',
          fix: 'use llama.cpp, which still runs on older GPUs',
        }
      : undefined,
  )
}

export const vllm: EngineModule = {id, defaultPort, healthPath, versionCommand, install, pitfalls, launch, launchPlan}
