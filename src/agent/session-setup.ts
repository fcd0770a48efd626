import type {AgentEventListener} from './events.js'
import {connectMcpServers, type McpTools} from './mcp/connect-mcp.js'
import {loadMcpServers} from './mcp/mcp-config.js'
import type {SessionStore} from './session-store.js'
import {type LoadedSettings, loadSettings} from './settings/load-settings.js'

// What headless and interactive runs both set up before the first turn.

/** Options every agent run takes, headless or interactive. */
export interface AgentRunOptions {
  endpoint: string
  model: string
  cwd: string
  maxTurns: number
  yes: boolean
  /** Continue this session (id or prefix), or `latest` for the newest one in this project. */
  resume?: string
  dbFile?: string
  /** The user's and project's settings, when the caller has read them already. */
  settings?: LoadedSettings
}

/** The session to continue: by id (or prefix), the newest in this project for `latest`, none without --resume. */
export function findResumed(store: SessionStore, root: string, resume: string | undefined) {
  if (resume === undefined) return undefined
  return resume === 'latest' ? store.latest(root) : store.get(resume)
}

/** The project's and user's MCP servers; one that fails to start is reported as a notice and left out. */
export async function startMcp(root: string, emit: AgentEventListener, settings?: LoadedSettings): Promise<McpTools> {
  const servers = await loadMcpServers(root, settings ?? (await loadSettings(root)))
  const mcp = await connectMcpServers(servers, root)
  for (const failure of mcp.failures) emit({type: 'notice', message: `${failure}; continuing without it`})
  return mcp
}
