import type {AgentEventListener} from './events.js'
import {connectMcpServers, type McpTools} from './mcp/connect-mcp.js'
import {loadMcpConfig} from './mcp/mcp-config.js'
import type {SessionStore} from './session-store.js'

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
}

/** The session to continue: by id (or prefix), the newest in this project for `latest`, none without --resume. */
export function findResumed(store: SessionStore, root: string, resume: string | undefined) {
  if (resume === undefined) return undefined
  return resume === 'latest' ? store.latest(root) : store.get(resume)
}

/** The project's MCP servers; one that fails to start is reported as a notice and left out. */
export async function startMcp(root: string, emit: AgentEventListener): Promise<McpTools> {
  const mcp = await connectMcpServers(await loadMcpConfig(root), root)
  for (const failure of mcp.failures) emit({type: 'notice', message: `${failure}; continuing without it`})
  return mcp
}
