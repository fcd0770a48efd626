import type {HardwareReport} from '../hardware/types.js'
import type {Catalog} from '../profiles/catalog.js'
import type {Plan, PlannedModel, Role} from '../profiles/plan.js'
import type {EngineId, ModelSpec} from '../profiles/schema.js'

// What the engine modules (vllm.ts, llamacpp.ts, ollama.ts, mlx.ts, sglang.ts) share. Every function in them is pure:
// a plan, the catalog entry and the hardware report in, argv arrays and environment variables out. Nothing is run.

/** Where a model's weights come from, for the download step. */
export type WeightsRef =
  /** A Hugging Face repository the engine loads (and, left alone, downloads) by name. */
  | {kind: 'hf'; repo: string}
  /** One GGUF file of a Hugging Face repository, downloaded to `path`. */
  | {kind: 'gguf'; repo: string; file: string; path: string}
  /** An Ollama tag (`qwen3-coder:30b`, or `hf.co/<repo>:<quant>` for a GGUF repository). */
  | {kind: 'ollama'; tag: string}

/** Everything needed to launch one server process for one planned model. */
export interface LaunchSpec {
  engine: EngineId
  role: Role
  /** Catalog id of the model. */
  model: string
  /** The name clients put in `model` of their requests. */
  servedName: string
  /** argv: the executable first. */
  command: string[]
  /** Variables to add to the environment of the process. */
  env: Record<string, string>
  port: number
  /** The OpenAI-compatible base URL, http://127.0.0.1:<port>/v1. */
  baseUrl: string
  /** Path that answers 200 once the model is loaded. */
  healthPath: string
  weights: WeightsRef
  /** Commands to run once before the first launch (`ollama pull <tag>`). */
  prepare: string[][]
  /** What was assumed or adjusted, in words for the user. */
  notes: string[]
  /** Other planned models this same process serves (Ollama: one server for all). */
  alsoServes?: {role: Role; model: string; servedName: string}[]
}

/** A planned model an engine cannot serve, and what to do instead. */
export interface SkippedModel {
  role: Role
  model: string
  reason: string
}

/** All the processes an engine needs for a plan. */
export interface EngineLaunch {
  engine: EngineId
  servers: LaunchSpec[]
  skipped: SkippedModel[]
}

export interface LaunchOptions {
  /** First port; the plan's models take consecutive ports from it. Defaults to the engine's usual port. */
  basePort?: number
  /** Where GGUF files live: <modelsDir>/<repo>/<file>. Defaults to ./models. */
  modelsDir?: string
  /** Virtual environment of the Python engines (vLLM, SGLang, MLX-LM); its bin/ is used when set. */
  venv?: string
  host?: string
  /** Folder of the engine's executables (llama-server built from source: <srcDir>/build/bin); else found on PATH. */
  binDir?: string
  /** Where llama.cpp is cloned and built from source. */
  srcDir?: string
  /** Catalog model id → GGUF file name, where the repository's naming differs from ggufFile's guess. */
  ggufFiles?: Record<string, string>
  /** Catalog model id → repository to load instead of the one derived from the catalog (vLLM, SGLang, MLX-LM). */
  repos?: Record<string, string>
}

/** Input of an engine's `launch`: one planned model with its plan, catalog entry and the machine. */
export interface LaunchInput {
  planned: PlannedModel
  plan: Plan
  spec: ModelSpec
  hw: HardwareReport
  port: number
  options?: LaunchOptions
}

export interface InstallPlan {
  engine: EngineId
  platform: 'linux' | 'darwin'
  /** False when the engine does not run on this platform; `commands` is then empty and `notes` says why. */
  supported: boolean
  /** Shell command lines, to run in order. */
  commands: string[]
  notes: string[]
}

export interface Pitfall {
  id: string
  /** error: the engine will not work until fixed; warning: it works, worse than planned. */
  severity: 'error' | 'warning'
  message: string
  /** A command or step that fixes it. */
  fix: string
}

/** The surface every engine module exports. */
export interface EngineModule {
  id: EngineId
  defaultPort: number
  healthPath: string
  versionCommand(options?: LaunchOptions): string[]
  install(hw: HardwareReport, options?: LaunchOptions): InstallPlan
  pitfalls(hw: HardwareReport): Pitfall[]
  launch(input: LaunchInput): LaunchSpec
  launchPlan(plan: Plan, catalog: Catalog, hw: HardwareReport, options?: LaunchOptions): EngineLaunch
}

export const LOCALHOST = '127.0.0.1'

export function baseUrl(host: string | undefined, port: number): string {
  return `http://${host ?? LOCALHOST}:${port}/v1`
}

export function platformOf(hw: HardwareReport): 'linux' | 'darwin' {
  return hw.os.platform === 'darwin' ? 'darwin' : 'linux'
}

/** `<venv>/bin/<tool>` when a venv is set, else the bare tool name (found on PATH). */
export function venvBin(tool: string, options?: LaunchOptions): string {
  return options?.venv ? `${options.venv.replace(/\/$/, '')}/bin/${tool}` : tool
}

/** A model is a mixture of experts when only part of its parameters are active per token. */
export function isMoe(spec: ModelSpec): boolean {
  return spec.activeParamsB < spec.paramsB * 0.9
}

/**
 * A server's share of all the GPU memory, for the engines that preallocate a fraction per process
 * (vLLM --gpu-memory-utilization, SGLang --mem-fraction-static): the planned total of this model over the total
 * memory, rounded up to a hundredth so that the KV cache the plan sized is never cut.
 */
export function memoryShare(planned: PlannedModel, plan: Plan): number {
  const share = planned.totalGiB / plan.budget.totalGiB
  return Math.min(0.95, Math.max(0.05, Math.ceil(share * 100) / 100))
}

/**
 * Runs `launch` for every planned model the engine can serve, on consecutive ports from `basePort`.
 * `skip` says why an engine cannot serve a model (undefined: it can).
 */
export function launchEach(
  engine: Pick<EngineModule, 'id' | 'defaultPort' | 'launch'>,
  plan: Plan,
  catalog: Catalog,
  hw: HardwareReport,
  options: LaunchOptions = {},
  skip: (planned: PlannedModel, spec: ModelSpec) => string | undefined = () => undefined,
): EngineLaunch {
  const out: EngineLaunch = {engine: engine.id, servers: [], skipped: []}
  let port = options.basePort ?? engine.defaultPort
  for (const planned of plan.models) {
    const spec = catalog.models[planned.model]
    if (!spec) {
      out.skipped.push({role: planned.role, model: planned.model, reason: 'not in the model catalog'})
      continue
    }
    const why = skip(planned, spec)
    if (why) {
      out.skipped.push({role: planned.role, model: planned.model, reason: why})
      continue
    }
    out.servers.push(engine.launch({planned, plan, spec, hw, port, options}))
    port += 1
  }
  return out
}

/** Compares dotted versions numerically: -1, 0 or 1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d) return Math.sign(d)
  }
  return 0
}

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

export function keep<T>(...items: (T | undefined)[]): T[] {
  return items.filter((x): x is T => x !== undefined)
}
