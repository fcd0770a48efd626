import {join} from 'node:path'
import type {HardwareReport} from '../hardware/types.js'
import {oacHome} from '../paths.js'
import type {Catalog} from '../profiles/catalog.js'
import type {Plan, PlannedModel} from '../profiles/plan.js'
import type {ModelSpec} from '../profiles/schema.js'
import {baseUrl, LOCALHOST, platformOf} from './launch-each.js'
import {engineVersion} from './pins.js'
import {appleWiredLimitPitfall, blackwellCudaPitfall, keep} from './pitfalls.js'
import type {EngineLaunch, EngineModule, InstallPlan, LaunchInput, LaunchOptions, LaunchSpec, Pitfall} from './types.js'

// Ollama: one `ollama serve` for every model, configured by environment variables
// (https://github.com/ollama/ollama/blob/main/docs/faq.md and envconfig/config.go): OLLAMA_HOST, OLLAMA_CONTEXT_LENGTH
// (default context of every model, docs/context-length.mdx), OLLAMA_FLASH_ATTENTION=1, OLLAMA_KV_CACHE_TYPE
// (f16, q8_0 or q4_0; needs flash attention), OLLAMA_NUM_PARALLEL, OLLAMA_MAX_LOADED_MODELS, OLLAMA_KEEP_ALIVE.
// Models come from `ollama pull <tag>`; a GGUF repository on Hugging Face is the tag hf.co/<repo>:<quant>
// (https://huggingface.co/docs/hub/ollama).

export const id = 'ollama' as const
export const defaultPort = 11434
/** GET /api/version answers once the server is up (models load on first request). */
export const healthPath = '/api/version'

const KV_TYPES = new Set(['f16', 'q8_0', 'q4_0'])

export function kvCacheType(kv: string): {type: string; note?: string} {
  if (KV_TYPES.has(kv)) return {type: kv}
  if (kv === 'bf16') return {type: 'f16'}
  return {type: 'q8_0', note: `Ollama has no ${kv} KV cache; using q8_0, the nearest it has`}
}

/**
 * The tag to pull. Ollama's library tags (qwen3-coder:30b) are Q4_K_M; any other quantization comes from the
 * catalog's GGUF repository as hf.co/<repo>:<QUANT>.
 */
export function ollamaTag(spec: ModelSpec, quantization: string): {tag: string; note?: string} {
  if (spec.ollama && quantization === 'Q4_K_M') return {tag: spec.ollama}
  if (spec.gguf) return {tag: `hf.co/${spec.gguf}:${quantization}`}
  if (spec.ollama)
    return {
      tag: spec.ollama,
      note: `no GGUF repository for ${spec.name}: pulling the library tag at its own quantization`,
    }
  throw new Error(`${spec.name} has neither an Ollama tag nor a GGUF repository in the catalog`)
}

function serverEnv(host: string, port: number, plan: Plan, models: PlannedModel[]): Record<string, string> {
  const chat = models.filter((m) => m.role !== 'embedding')
  const context = Math.max(...(chat.length ? chat : models).map((m) => m.context))
  const parallel = Math.max(...models.map((m) => m.parallel))
  return {
    OLLAMA_HOST: `${host}:${port}`,
    // Each of the NUM_PARALLEL slots of a model gets the full context (the cache is context × parallel).
    OLLAMA_CONTEXT_LENGTH: String(context),
    OLLAMA_FLASH_ATTENTION: '1',
    OLLAMA_KV_CACHE_TYPE: kvCacheType(plan.kvCacheType).type,
    OLLAMA_NUM_PARALLEL: String(parallel),
    OLLAMA_MAX_LOADED_MODELS: String(models.length),
    // Keep the models loaded: the default unloads them after 5 idle minutes and the next request reloads.
    OLLAMA_KEEP_ALIVE: '-1',
  }
}

/** The server as it would run for this one model. */
export function launch({planned, plan, spec, port, options}: LaunchInput): LaunchSpec {
  const host = options?.host ?? LOCALHOST
  const {tag, note} = ollamaTag(spec, planned.quantization)
  const notes = keep<string>(note, kvCacheType(plan.kvCacheType).note)
  return {
    engine: id,
    role: planned.role,
    model: planned.model,
    servedName: tag,
    command: ['ollama', 'serve'],
    env: serverEnv(host, port, plan, [planned]),
    port,
    baseUrl: baseUrl(host, port),
    healthPath,
    weights: {kind: 'ollama', tag},
    prepare: [['ollama', 'pull', tag]],
    notes,
  }
}

/**
 * One server for the whole plan: the primary model's spec with the server environment sized for every model, a
 * pull per model, and the other models in `alsoServes`.
 */
export function launchPlan(plan: Plan, catalog: Catalog, hw: HardwareReport, options?: LaunchOptions): EngineLaunch {
  const port = options?.basePort ?? defaultPort
  const host = options?.host ?? LOCALHOST
  const out: EngineLaunch = {engine: id, servers: [], skipped: []}
  const served: {planned: PlannedModel; spec: LaunchSpec}[] = []
  for (const planned of plan.models) {
    const spec = catalog.models[planned.model]
    if (!spec) {
      out.skipped.push({role: planned.role, model: planned.model, reason: 'not in the model catalog'})
      continue
    }
    try {
      served.push({planned, spec: launch({planned, plan, spec, hw, port, options})})
    } catch (e) {
      out.skipped.push({role: planned.role, model: planned.model, reason: (e as Error).message})
    }
  }
  const [first, ...rest] = served
  if (!first) return out
  const notes = [...new Set(served.flatMap((s) => s.spec.notes))]
  const chat = served.filter((s) => s.planned.role !== 'embedding')
  if (new Set(chat.map((s) => s.planned.context)).size > 1)
    notes.push(
      'OLLAMA_CONTEXT_LENGTH is one value for all models: the smaller models get the largest context unless the client sends options.num_ctx',
    )
  out.servers.push({
    ...first.spec,
    env: serverEnv(
      host,
      port,
      plan,
      served.map((s) => s.planned),
    ),
    prepare: served.flatMap((s) => s.spec.prepare),
    alsoServes: rest.map((s) => ({role: s.planned.role, model: s.planned.model, servedName: s.spec.servedName})),
    notes,
  })
  return out
}

export function versionCommand(): string[] {
  return ['ollama', '--version']
}

/** A file of an Ollama GitHub release. */
export function releaseUrl(version: string, file: string): string {
  return `https://github.com/ollama/ollama/releases/download/${version}/${file}`
}

/**
 * Linux: the pinned release's archive (ollama-linux-<arch>.tar.zst, plus the -rocm one for AMD GPUs), checked
 * against the release's sha256sum.txt and only then unpacked into a folder of oac's own (bin/ollama finds its
 * lib/ollama next to it), with no root and no system service: oac's own user unit runs `ollama serve`. This is what
 * the official install script does (scripts/install.sh: download_and_extract), minus `curl | sh` and sudo.
 * macOS: Homebrew, which checks its bottles' SHA-256 itself (or the app).
 */
export function install(hw: HardwareReport, options?: LaunchOptions): InstallPlan {
  const platform = platformOf(hw)
  if (platform === 'darwin')
    return {
      engine: id,
      platform,
      supported: true,
      commands: ['brew install ollama'],
      notes: ['or the app from https://ollama.com/download/mac'],
    }
  const version = engineVersion(id, options?.engineVersion)
  const arch = hw.os.arch === 'arm64' ? 'arm64' : 'amd64'
  const dir = options?.ollamaDir ?? join(oacHome(), 'ollama')
  const downloads = options?.downloadsDir ?? join(oacHome(), 'downloads')
  const files = [`ollama-linux-${arch}.tar.zst`]
  if (hw.gpus.some((g) => g.vendor === 'amd')) files.push(`ollama-linux-${arch}-rocm.tar.zst`)
  const archive = (file: string) => join(downloads, `${version}-${file}`)
  return {
    engine: id,
    platform,
    supported: true,
    // `ollama --version` prints "ollama version is 0.32.15".
    version: version.replace(/^v/, ''),
    requires: [{tool: 'zstd', why: '`tar --zstd` unpacks the release archive'}],
    downloads: files.map((file) => ({
      url: releaseUrl(version, file),
      checksumsUrl: releaseUrl(version, 'sha256sum.txt'),
      dest: archive(file),
    })),
    commands: [`mkdir -p ${dir}`, ...files.map((file) => `tar --zstd -xf ${archive(file)} -C ${dir}`)],
    notes: [
      `release ${version} (oac setup --engine-version installs another); unpacked into ${dir} (no root, no system service); needs zstd`,
      "a system-wide Ollama (the install script's ollama.service) also listens on 127.0.0.1:11434: stop it (sudo systemctl stop ollama) or use --base-port",
    ],
  }
}

export function pitfalls(hw: HardwareReport): Pitfall[] {
  return keep<Pitfall>(blackwellCudaPitfall(hw, 'Ollama'), appleWiredLimitPitfall(hw))
}

export const ollama: EngineModule = {id, defaultPort, healthPath, versionCommand, install, pitfalls, launch, launchPlan}
