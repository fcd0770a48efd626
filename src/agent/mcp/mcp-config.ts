import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {z} from 'zod'
import {ConfigError} from '../../profiles/load-yaml.js'
import {expandEnv, MissingVariableError} from '../settings/expand-env.js'
import {parseJsonConfig} from '../settings/load-json.js'
import type {LoadedSettings} from '../settings/load-settings.js'
import type {SettingsScope} from '../settings/settings-schema.js'
import {type McpServerConfig, mcpServer} from './mcp-server-schema.js'

// Where MCP servers come from, later ones overriding earlier ones of the same name: the user's settings, the
// project's settings, Claude Code's `.mcp.json` in the project root, and `.oac/mcp.json`. Both files have the shape
// {"mcpServers": {"name": {"command", "args", "env"} | {"type": "http"|"sse", "url", "headers"}}}, with `${VAR}` and
// `${VAR:-default}` expanded.

export type {McpServerConfig} from './mcp-server-schema.js'

export const MCP_CONFIG_PATH = join('.oac', 'mcp.json')
export const CLAUDE_MCP_CONFIG_PATH = '.mcp.json'

const configFile = z.object({mcpServers: z.record(z.string(), mcpServer).default({})})

export interface McpServerEntry {
  name: string
  config: McpServerConfig
  /** The entry as the file writes it, `${VAR}` unexpanded: what approvals show and pin. */
  raw: unknown
  /** `project` servers come from files in the repository: a cloned repo chose them. */
  scope: SettingsScope
  /** The file that declared it. */
  file: string
}

/** The MCP servers of this project and user, one entry per name. */
export async function loadMcpServers(
  root: string,
  settings: LoadedSettings,
  env: NodeJS.ProcessEnv = process.env,
): Promise<McpServerEntry[]> {
  const byName = new Map<string, McpServerEntry>()
  const add = async (servers: Record<string, McpServerConfig> | undefined, scope: SettingsScope, file: string) => {
    const raw = servers ? await rawServers(file) : {}
    for (const [name, config] of Object.entries(servers ?? {}))
      byName.set(name, {name, config, raw: raw[name] ?? config, scope, file})
  }
  for (const f of settings.files) await add(f.settings.mcpServers, f.scope, f.file)
  for (const path of [CLAUDE_MCP_CONFIG_PATH, MCP_CONFIG_PATH]) {
    const file = join(root, path)
    await add((await readMcpFile(file, env))?.mcpServers, 'project', file)
  }
  return [...byName.values()]
}

/** The `mcpServers` of a file as written (already validated once expanded). */
async function rawServers(file: string): Promise<Record<string, unknown>> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as {mcpServers?: Record<string, unknown>}
    return data.mcpServers && typeof data.mcpServers === 'object' ? data.mcpServers : {}
  } catch {
    return {}
  }
}

async function readMcpFile(file: string, env: NodeJS.ProcessEnv) {
  const text = await readFile(file, 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  return parseJsonConfig(file, text, configFile, (data) => {
    try {
      return expandEnv(data, env)
    } catch (error) {
      if (error instanceof MissingVariableError) throw new ConfigError(file, undefined, error.message)
      throw error
    }
  })
}
