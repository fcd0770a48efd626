import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {UsageError} from '../errors.js'
import type {Role} from '../profiles/plan.js'
import type {EngineId} from '../profiles/schema.js'
import {engineRoot} from './layout.js'

// engine.json: what `oac setup` provisioned for a profile, read back by `oac engine start|stop|status|logs`.

export type ServiceManager = 'systemd' | 'launchd'

export interface ServerConfig {
  /** Endpoint name in the store: <profile>-<role>. */
  name: string
  role: Role
  model: string
  /** The name clients put in `model`. */
  servedName: string
  quantization: string
  context: number
  kind: 'chat' | 'embedding'
  port: number
  baseUrl: string
  healthUrl: string
  command: string[]
  env: Record<string, string>
  /** The launch script the service runs. */
  script: string
  log: string
  service: {manager: ServiceManager; name: string; file: string}
  /** Other models this same process serves (Ollama). */
  alsoServes?: {role: Role; model: string; servedName: string; quantization: string; context: number}[]
}

export interface EngineConfig {
  version: 1
  profile: string
  engine: EngineId
  platform: 'linux' | 'darwin'
  /** Folders first on PATH in the launch scripts. */
  path: string[]
  servers: ServerConfig[]
}

export function readEngineConfig(file: string): EngineConfig {
  return JSON.parse(readFileSync(file, 'utf8')) as EngineConfig
}

/** Every provisioned profile under $OAC_HOME/engines. */
export function listEngineConfigs(env: NodeJS.ProcessEnv = process.env): EngineConfig[] {
  const root = engineRoot(env)
  if (!existsSync(root)) return []
  return readdirSync(root)
    .sort()
    .map((d) => join(root, d, 'engine.json'))
    .filter((f) => existsSync(f))
    .map(readEngineConfig)
}

export interface SelectedServer {
  config: EngineConfig
  server: ServerConfig
}

/**
 * The servers an `oac engine` ID names: a profile (all its servers), an endpoint name (<profile>-<role>), or
 * nothing (every provisioned server).
 */
export function selectServers(id: string | undefined, env: NodeJS.ProcessEnv = process.env): SelectedServer[] {
  const configs = listEngineConfigs(env)
  const all = configs.flatMap((config) => config.servers.map((server) => ({config, server})))
  if (!id) return all
  const hits = all.filter(({config, server}) => config.profile === id || server.name === id)
  if (!hits.length) {
    const known = all.map((s) => s.server.name).join(', ') || 'none: run oac setup --profile P first'
    throw new UsageError(`no provisioned engine ${id}; known: ${known}`)
  }
  return hits
}
