import type {HardwareReport} from '../hardware/types.js'
import type {Catalog} from '../profiles/catalog.js'
import type {Plan, PlannedModel, Role} from '../profiles/plan.js'
import type {EngineId, ModelSpec} from '../profiles/schema.js'

// What the engine modules (vllm.ts, llamacpp.ts, ollama.ts, mlx.ts, sglang.ts) share. Every function in them is pure:
// a plan, the catalog entry and the hardware report in, argv arrays and environment variables out. Nothing is run.

/** Where a model's weights come from, for the download step. */
export type WeightsRef =
  /** A Hugging Face repository the engine loads (and, left alone, downloads) by name. */
  | {kind: 'hf'; repo: string; revision?: string}
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
  /** The engine version to install instead of the pinned one (pins.ts): a pip version, a llama.cpp or Ollama tag. */
  engineVersion?: string
  /** Where Ollama's release archive is unpacked (<dir>/bin/ollama, <dir>/lib/ollama). */
  ollamaDir?: string
  /** Where downloaded release archives wait for their checksum. */
  downloadsDir?: string
  /**
   * Serve a model that needs --trust-remote-code although its code is not pinned to a commit (no revision in the
   * catalog, another repository than the catalog's, or an engine that cannot pin the code's repository).
   */
  allowUnpinnedCode?: boolean
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

/** A release archive fetched before the install commands run, and used only if its checksum matches. */
export interface ReleaseDownload {
  url: string
  /** The release's checksum file: `sha256sum` lines, `<sha256>  [./]<file>`. */
  checksumsUrl: string
  /** Where the archive is saved once its SHA-256 matches; the commands read it from there. */
  dest: string
}

export interface InstallPlan {
  engine: EngineId
  platform: 'linux' | 'darwin'
  /** False when the engine does not run on this platform; `commands` is then empty and `notes` says why. */
  supported: boolean
  /** Archives downloaded and checked against their release's checksums before the commands run. */
  downloads?: ReleaseDownload[]
  /** Shell command lines, to run in order. */
  commands: string[]
  notes: string[]
  /** Tools the commands need that a bare machine may lack; checked before anything is downloaded. */
  requires?: {tool: string; why: string}[]
  /** The version the engine's version command prints once this plan is installed (absent: not pinned, e.g. Homebrew). */
  version?: string
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
