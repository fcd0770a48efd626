import {existsSync, readFileSync, statSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {ADAPTER_ENGINES, type AdapterEngine, adapterArgs, ollamaModelfile} from '../engines/adapter-args.js'
import type {EngineLaunch, LaunchSpec} from '../engines/types.js'
import {UsageError} from '../errors.js'
import type {Plan} from '../profiles/plan.js'
import type {EngineId} from '../profiles/schema.js'

// `oac setup --adapter`: a planned chat model (the primary, or --adapter-role fast) served with a LoRA adapter, as one more model with its own name
// and endpoint. vLLM and Ollama serve the base and the tuned model from the same server; llama.cpp (`--lora` applies
// to every request) and MLX (`--adapter-path` applies to the --model name) can serve only the tuned one, so that
// server moves to the port after the plan's last: the tuned model never answers at a URL registered for the base.
// The flags are in src/engines/adapter-args.ts.

/** An adapter on disk, as `oac setup --adapter` was given it. */
export interface AdapterFile {
  /** Absolute: the service runs from another directory. */
  path: string
  kind: 'dir' | 'gguf'
  /** LoRA rank from a PEFT adapter_config.json (`r`), when there is one. */
  rank?: number
}

/** What setup does with the adapter, for the steps and the store. */
export interface AdapterServing {
  engine: AdapterEngine
  path: string
  /** The endpoint registered for the tuned model: <profile>-<name>. */
  endpoint: string
  /** The model name clients ask for. */
  servedName: string
  /** The planned model it adapts (primary or fast). */
  role: string
  /** The role of the server that serves it (Ollama: one server, the primary's, serves every model). */
  server: string
  /** False where the server serves only the tuned model: the base's endpoint is then not registered. */
  keepsBase: boolean
  /** Ollama: the Modelfile `ollama create` reads. */
  modelfile?: {path: string; content: string}
}

const NAME = /^[A-Za-z0-9][\w.:-]*$/

/** Reads what the adapter is; a missing path is bad input naming it. */
export function readAdapter(given: string, cwd = process.cwd()): AdapterFile {
  const path = resolve(cwd, given)
  if (!existsSync(path)) throw new UsageError(`--adapter: ${path} does not exist`)
  if (!statSync(path).isDirectory()) return {path, kind: 'gguf'}
  const config = join(path, 'adapter_config.json')
  if (!existsSync(config)) return {path, kind: 'dir'}
  let rank: unknown
  try {
    rank = (JSON.parse(readFileSync(config, 'utf8')) as {r?: unknown}).r
  } catch {
    throw new UsageError(`--adapter: ${config} is not JSON`)
  }
  return typeof rank === 'number' ? {path, kind: 'dir', rank} : {path, kind: 'dir'}
}

/** Whether this engine can serve this adapter; a clear error otherwise. Pure. */
export function checkAdapter(engine: EngineId, adapter: AdapterFile, name: string): AdapterEngine {
  const known = ADAPTER_ENGINES.find((e) => e === engine)
  if (!known)
    throw new UsageError(
      `--adapter: oac setup serves adapters with vLLM, llama.cpp, Ollama and MLX; this profile runs ${engine}`,
    )
  if (!NAME.test(name)) throw new UsageError(`--adapter-name: "${name}" is not a model name (letters, digits, . _ : -)`)
  if (known === 'llamacpp' && adapter.kind !== 'gguf')
    throw new UsageError(
      `--adapter: llama-server --lora takes a GGUF adapter file, and ${adapter.path} is a directory: convert it with llama.cpp's convert_lora_to_gguf.py`,
    )
  if ((known === 'vllm' || known === 'mlx') && adapter.kind !== 'dir')
    throw new UsageError(
      `--adapter: ${known === 'vllm' ? 'vLLM' : 'mlx_lm.server'} loads an adapter directory (adapter_config.json and safetensors), and ${adapter.path} is a file`,
    )
  if (known === 'vllm' && !existsSync(join(adapter.path, 'adapter_config.json')))
    throw new UsageError(`--adapter: ${adapter.path} has no adapter_config.json: vLLM loads PEFT adapter directories`)
  return known
}

function withPort(spec: LaunchSpec, port: number): LaunchSpec {
  const command = spec.command.map((a, i) => (spec.command[i - 1] === '--port' ? String(port) : a))
  return {...spec, command, port, baseUrl: spec.baseUrl.replace(`:${spec.port}/`, `:${port}/`)}
}

function withArg(command: string[], flag: string, value: string): string[] {
  return command.map((a, i) => (command[i - 1] === flag ? value : a))
}

/** The launch with the adapter on the server of the role's model, and what to register. Pure. */
export function applyAdapter(
  launch: EngineLaunch,
  o: {engine: AdapterEngine; adapter: AdapterFile; name: string; role: string; profile: string; engineDir: string},
): {launch: EngineLaunch; serving: AdapterServing} {
  const index = launch.servers.findIndex((s) => s.role === o.role || s.alsoServes?.some((a) => a.role === o.role))
  const server = launch.servers[index]
  if (!server) throw new UsageError(`--adapter: this profile serves no ${o.role} model to put the adapter on`)
  const baseName =
    server.role === o.role ? server.servedName : server.alsoServes?.find((a) => a.role === o.role)?.servedName
  const args = adapterArgs(o.engine, {adapter: o.adapter.path, name: o.name, ...rankOf(o.adapter)})
  const serving = {
    engine: o.engine,
    path: o.adapter.path,
    endpoint: `${o.profile}-${o.name}`,
    role: o.role,
    server: server.role,
  }
  let tuned: LaunchSpec
  let extra: Partial<AdapterServing> = {}
  if (o.engine === 'vllm' || o.engine === 'ollama') {
    tuned = {...server, command: [...server.command, ...args]}
    extra = {servedName: o.name, keepsBase: true}
    if (o.engine === 'ollama')
      extra.modelfile = {
        path: join(o.engineDir, `${o.name}.Modelfile`),
        content: ollamaModelfile(baseName ?? server.servedName, o.adapter.path),
      }
  } else {
    const port = Math.max(...launch.servers.map((s) => s.port)) + 1
    const command = o.engine === 'llamacpp' ? withArg(server.command, '--alias', o.name) : server.command
    tuned = withPort({...server, command: [...command, ...args]}, port)
    // mlx_lm.server answers to the --model name, with the adapter applied (server.py's default_model_map).
    tuned.servedName = o.engine === 'llamacpp' ? o.name : server.servedName
    extra = {servedName: tuned.servedName, keepsBase: false}
  }
  const servers = launch.servers.map((s, i) => (i === index ? tuned : s))
  return {launch: {...launch, servers}, serving: {...serving, ...extra} as AdapterServing}
}

/** `oac setup --adapter PATH [--adapter-name NAME]` on a profile's launch. */
export function setupAdapter(
  launch: EngineLaunch,
  given: {path: string; name?: string | undefined; role?: string | undefined},
  plan: Plan,
  engineDir: string,
): {launch: EngineLaunch; serving: AdapterServing} {
  const adapter = readAdapter(given.path)
  const role = given.role ?? 'primary'
  const planned = plan.models.find((m) => m.role === role)
  if (!planned) throw new UsageError(`--adapter-role: profile ${plan.profile} plans no ${role} model`)
  const name = given.name ?? `${planned.model}-tuned`
  const engine = checkAdapter(plan.engine, adapter, name)
  return applyAdapter(launch, {engine, adapter, name, role, profile: plan.profile, engineDir})
}

function rankOf(a: AdapterFile): {rank?: number} {
  return a.rank === undefined ? {} : {rank: a.rank}
}
