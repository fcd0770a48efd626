import {join} from 'node:path'
import type {HardwareReport} from '../hardware/types.js'
import {oacHome} from '../paths.js'
import {engineSupport} from '../profiles/budget.js'
import type {Catalog} from '../profiles/catalog.js'
import type {Plan} from '../profiles/plan.js'
import type {ModelSpec} from '../profiles/schema.js'
import {compareVersions} from './compare-versions.js'
import {baseUrl, LOCALHOST, launchEach, platformOf, venvBin} from './launch-each.js'
import {engineVersion} from './pins.js'
import {appleWiredLimitPitfall, keep} from './pitfalls.js'
import type {EngineLaunch, EngineModule, InstallPlan, LaunchInput, LaunchOptions, LaunchSpec, Pitfall} from './types.js'

// MLX-LM's OpenAI-compatible server, `mlx_lm.server --model <repo> --host --port`
// (https://github.com/ml-explore/mlx-lm/blob/main/mlx_lm/SERVER.md). It takes no context, parallelism or KV-cache
// flags: the cache grows with the conversation, in the model's dtype. It serves chat and text completions only.

export const id = 'mlx' as const
export const defaultPort = 8080
/** GET /v1/models lists the loaded model once the server is up. */
export const healthPath = '/v1/models'

const SUFFIX: Record<string, string> = {'mlx-bf16': 'bf16', 'mlx-8bit': '8bit', 'mlx-6bit': '6bit', 'mlx-4bit': '4bit'}

/**
 * The MLX conversion of a model: mlx-community publishes them as <Name>-<bf16|8bit|6bit|4bit>
 * (e.g. mlx-community/Qwen3-Coder-30B-A3B-Instruct-8bit), made with `mlx_lm.convert -q --q-bits N`.
 */
export function mlxRepo(model: string, spec: ModelSpec, quantization: string, options?: LaunchOptions): string {
  const override = options?.repos?.[model]
  if (override) return override
  return `mlx-community/${spec.name}-${SUFFIX[quantization] ?? '4bit'}`
}

export function launch({planned, spec, port, options}: LaunchInput): LaunchSpec {
  const host = options?.host ?? LOCALHOST
  const repo = mlxRepo(planned.model, spec, planned.quantization, options)
  const notes: string[] = []
  if (!SUFFIX[planned.quantization]) notes.push(`${planned.quantization} is not an MLX quantization; using 4-bit`)
  notes.push(`mlx_lm.server has no context flag: clients must keep requests within ${planned.context} tokens`)
  return {
    engine: id,
    role: planned.role,
    model: planned.model,
    // mlx_lm.server answers to the repository name it loaded.
    servedName: repo,
    command: [venvBin('mlx_lm.server', options), '--model', repo, '--host', host, '--port', String(port)],
    env: {},
    port,
    baseUrl: baseUrl(host, port),
    healthPath,
    weights: {kind: 'hf', repo},
    prepare: [],
    notes,
  }
}

/** One mlx_lm.server per chat model; the embedding model needs another engine. */
export function launchPlan(plan: Plan, catalog: Catalog, hw: HardwareReport, options?: LaunchOptions): EngineLaunch {
  return launchEach({id, defaultPort, launch}, plan, catalog, hw, options, (_, spec) =>
    spec.kind === 'embedding'
      ? 'mlx_lm.server has no embeddings endpoint: serve the embedding model with llama.cpp or Ollama'
      : undefined,
  )
}

export function versionCommand(options?: LaunchOptions): string[] {
  return [options?.venv ? venvBin('python', options) : 'python3', '-c', 'import mlx_lm; print(mlx_lm.__version__)']
}

/** pip into a virtual environment (https://github.com/ml-explore/mlx-lm#installation). */
export function install(hw: HardwareReport, options?: LaunchOptions): InstallPlan {
  const platform = platformOf(hw)
  if (platform !== 'darwin' || !hw.apple)
    return {engine: id, platform, supported: false, commands: [], notes: ['MLX needs a Mac with Apple Silicon']}
  const venv = options?.venv ?? join(oacHome(), 'venvs', id)
  const version = engineVersion(id, options?.engineVersion)
  const pkg = `mlx-lm==${version}`
  return {
    engine: id,
    platform,
    supported: true,
    version,
    commands: [`python3 -m venv ${venv}`, `${venv}/bin/pip install --upgrade pip`, `${venv}/bin/pip install ${pkg}`],
    notes: [
      'the python3 must be a native arm64 build (not under Rosetta)',
      `pinned to ${pkg} (oac setup --engine-version installs another)`,
    ],
  }
}

export function pitfalls(hw: HardwareReport): Pitfall[] {
  const unsupported = engineSupport(id, hw)
  // MLX needs macOS 13.5 or newer (https://ml-explore.github.io/mlx/build/html/install.html).
  const release = hw.os.release
  const oldMacOs = hw.os.platform === 'darwin' && release && /^\d/.test(release) && compareVersions(release, '13.5') < 0
  return keep<Pitfall>(
    unsupported
      ? {id: 'platform', severity: 'error', message: unsupported, fix: 'use llama.cpp or Ollama instead'}
      : undefined,
    oldMacOs
      ? {
          id: 'macos-version',
          severity: 'error',
          message: `MLX needs macOS 13.5 or newer; this is macOS ${release}`,
          fix: 'update macOS, or use llama.cpp',
        }
      : undefined,
    appleWiredLimitPitfall(hw),
  )
}

export const mlx: EngineModule = {id, defaultPort, healthPath, versionCommand, install, pitfalls, launch, launchPlan}
