import {join} from 'node:path'
import type {HardwareReport} from '../hardware/types.js'
import {oacHome} from '../paths.js'
import type {Catalog} from '../profiles/catalog.js'
import type {Plan, PlannedModel} from '../profiles/plan.js'
import type {ModelSpec} from '../profiles/schema.js'
import {baseUrl, isMoe, LOCALHOST, launchEach, platformOf} from './launch-each.js'
import {engineVersion} from './pins.js'
import {appleWiredLimitPitfall, blackwellCudaPitfall, keep, nvidiaGpus} from './pitfalls.js'
import type {EngineLaunch, EngineModule, InstallPlan, LaunchInput, LaunchOptions, LaunchSpec, Pitfall} from './types.js'

// llama.cpp's `llama-server`. Flags from its README, https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md:
// -m, --port, -c/--ctx-size, -ngl/--n-gpu-layers, -fa/--flash-attn [on|off|auto], --jinja (the model's chat template,
// needed for tool calls: docs/function-calling.md), -np/--parallel, -ctk/--cache-type-k and -ctv/--cache-type-v
// (f32, f16, bf16, q8_0, q4_0, q4_1, iq4_nl, q5_0, q5_1), --metrics (Prometheus /metrics), -a/--alias,
// -ts/--tensor-split, --n-cpu-moe N (keep the MoE experts of the first N layers in RAM), --embeddings.

export const id = 'llamacpp' as const
export const defaultPort = 8080
/** GET /health: 503 while the model loads, 200 once it is ready. */
export const healthPath = '/health'

const CACHE_TYPES = new Set(['f32', 'f16', 'bf16', 'q8_0', 'q4_0', 'q4_1', 'iq4_nl', 'q5_0', 'q5_1'])

export function cacheType(kvCacheType: string): {type: string; note?: string} {
  if (CACHE_TYPES.has(kvCacheType)) return {type: kvCacheType}
  return {type: 'q8_0', note: `llama.cpp has no ${kvCacheType} KV cache; using q8_0, the nearest it has`}
}

/**
 * The GGUF file of a quantization in the catalog's repository, after the naming each publisher uses:
 * Qwen's own repositories are lower case (qwen2.5-coder-7b-instruct-q4_k_m.gguf), nomic-ai puts a dot before the
 * quantization, ggml-org publishes gpt-oss in MXFP4 only, and the rest (unsloth, bartowski) use <Name>-<QUANT>.gguf.
 * Large files some publishers split into -00001-of-0000N.gguf parts: pass the first part in `ggufFiles` then.
 */
export function ggufFile(spec: ModelSpec, quantization: string): string {
  const repo = spec.gguf ?? ''
  if (repo.startsWith('Qwen/')) return `${spec.name.toLowerCase()}-${quantization.toLowerCase()}.gguf`
  if (repo.startsWith('nomic-ai/')) return `${spec.name}.${quantization}.gguf`
  if (repo.startsWith('ggml-org/gpt-oss')) return `${spec.name}-mxfp4.gguf`
  return `${spec.name}-${quantization}.gguf`
}

export function ggufPath(model: string, spec: ModelSpec, quantization: string, options?: LaunchOptions) {
  const repo = spec.gguf ?? model
  const file = options?.ggufFiles?.[model] ?? ggufFile(spec, quantization)
  return {repo, file, path: join(options?.modelsDir ?? 'models', repo, file)}
}

/**
 * How many layers' MoE experts to keep in system RAM (`--n-cpu-moe N`) so that a plan that does not fit in VRAM
 * does: the shortfall over the expert weights per layer, rounded up. Attention and shared weights stay on the GPU,
 * which is why an A3B model still runs at a usable speed this way. 0 when it fits or the model is dense.
 */
export function cpuMoeLayers(planned: PlannedModel, plan: Plan, spec: ModelSpec): number {
  if (plan.fits || planned.role !== 'primary' || !isMoe(spec)) return 0
  const shortfall = plan.requiredGiB - plan.budget.usableGiB
  const expertShare = 1 - spec.activeParamsB / spec.paramsB
  const perLayer = (planned.weightsGiB * expertShare) / spec.layers
  if (perLayer <= 0) return 0
  return Math.min(spec.layers, Math.ceil(shortfall / perLayer))
}

function binary(tool: string, options?: LaunchOptions): string {
  return options?.binDir ? join(options.binDir, tool) : tool
}

export function launch({planned, plan, spec, port, options}: LaunchInput): LaunchSpec {
  const host = options?.host ?? LOCALHOST
  const weights = ggufPath(planned.model, spec, planned.quantization, options)
  const notes: string[] = []
  const embedding = spec.kind === 'embedding'
  // -c is the total KV cache, shared by the -np slots: each slot gets c / np tokens, so the planned context per
  // request times the parallel requests.
  const ctx = planned.context * planned.parallel
  const args = [
    binary('llama-server', options),
    '-m',
    weights.path,
    '--host',
    host,
    '--port',
    String(port),
    '--alias',
    planned.model,
    '-c',
    String(ctx),
    '-ngl',
    '999',
    '-np',
    String(planned.parallel),
    '--metrics',
  ]
  if (embedding) {
    // An encoder embeds a whole input in one micro-batch: -b and -ub must hold the longest input. Flash attention
    // stays on auto: llama.cpp turns it off where an encoder's kernels lack it.
    args.push('--embeddings', '-b', String(planned.context), '-ub', String(planned.context))
  } else {
    const kv = cacheType(plan.kvCacheType)
    if (kv.note) notes.push(kv.note)
    // Flash attention on: faster, and llama.cpp needs it for a quantized V cache.
    args.push('-fa', 'on', '--jinja', '--cache-type-k', kv.type, '--cache-type-v', kv.type)
  }
  // Split the layers evenly over the GPUs (tensor split ratios 1,1 for two cards).
  if (plan.budget.kind === 'vram' && plan.budget.gpus > 1) args.push('-ts', Array(plan.budget.gpus).fill('1').join(','))
  const cpuMoe = cpuMoeLayers(planned, plan, spec)
  if (cpuMoe > 0) {
    args.push('--n-cpu-moe', String(cpuMoe))
    notes.push(
      `the plan needs ${plan.requiredGiB} GiB of ${plan.budget.usableGiB} GiB of GPU memory: the experts of ${cpuMoe} of ${spec.layers} layers stay in RAM`,
    )
  }
  return {
    engine: id,
    role: planned.role,
    model: planned.model,
    servedName: planned.model,
    command: args,
    env: {},
    port,
    baseUrl: baseUrl(host, port),
    healthPath,
    weights: {kind: 'gguf', repo: weights.repo, file: weights.file, path: weights.path},
    prepare: [],
    notes,
  }
}

/** One llama-server per planned model (each serves one GGUF), on consecutive ports. */
export function launchPlan(plan: Plan, catalog: Catalog, hw: HardwareReport, options?: LaunchOptions): EngineLaunch {
  return launchEach({id, defaultPort, launch}, plan, catalog, hw, options, (_, spec) =>
    spec.gguf ? undefined : 'no GGUF repository in the catalog',
  )
}

export function versionCommand(options?: LaunchOptions): string[] {
  return [binary('llama-server', options), '--version']
}

/**
 * macOS: Homebrew's bottle has Metal. Linux with an NVIDIA GPU: the CUDA build from source (docs/build.md, CUDA),
 * since the release archives for Linux carry the CPU and Vulkan backends only; without one, Homebrew on Linux
 * (docs/install.md).
 */
export function install(hw: HardwareReport, options?: LaunchOptions): InstallPlan {
  const platform = platformOf(hw)
  if (platform === 'darwin')
    return {engine: id, platform, supported: true, commands: ['brew install llama.cpp'], notes: ['built with Metal']}
  if (!nvidiaGpus(hw).length)
    return {
      engine: id,
      platform,
      supported: true,
      commands: ['brew install llama.cpp'],
      notes: ['no NVIDIA GPU: the CPU build (Homebrew on Linux: https://docs.brew.sh/Homebrew-on-Linux)'],
    }
  // Built into <dir>/build/bin: pass that as binDir to launch. A release tag, not master: the same source every time.
  const dir = options?.srcDir ?? join(oacHome(), 'llama.cpp')
  const tag = engineVersion(id, options?.engineVersion)
  return {
    engine: id,
    platform,
    supported: true,
    // `llama-server --version` prints the build number of the tag: "version: 10864 (<commit>)".
    version: tag.replace(/^b/, ''),
    commands: [
      `git clone --depth 1 --branch ${tag} https://github.com/ggml-org/llama.cpp ${dir}`,
      `cmake -S ${dir} -B ${dir}/build -DGGML_CUDA=ON -DCMAKE_BUILD_TYPE=Release`,
      `cmake --build ${dir}/build --config Release -j --target llama-server`,
    ],
    notes: [
      `release ${tag} (oac setup --engine-version installs another); needs the CUDA toolkit (nvcc) and cmake; the server lands in ${dir}/build/bin/llama-server`,
      'Blackwell (RTX 50x0) needs CUDA toolkit 12.8 or newer to build',
    ],
  }
}

export function pitfalls(hw: HardwareReport): Pitfall[] {
  return keep<Pitfall>(blackwellCudaPitfall(hw, 'llama.cpp (CUDA)'), appleWiredLimitPitfall(hw))
}

export const llamacpp: EngineModule = {
  id,
  defaultPort,
  healthPath,
  versionCommand,
  install,
  pitfalls,
  launch,
  launchPlan,
}
