import {relative} from 'node:path'
import type {RetryPolicy} from '../llm/retry.js'
import {oacConfigDir} from '../paths.js'
import type {AgentEventListener} from './events.js'
import {connectMcpServers, type McpTools} from './mcp/connect-mcp.js'
import {approvalStates, describeServer, loadApprovals} from './mcp/mcp-approvals.js'
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
  /** Total token budget of a run (--max-tokens). */
  maxTokens?: number
  yes: boolean
  /** Continue this session (id or prefix), or `latest` for the newest one in this project. */
  resume?: string
  dbFile?: string
  /** How long to wait out a loading or busy engine (default: llm/retry.ts). */
  retry?: RetryPolicy
  /** The user's and project's settings, when the caller has read them already. */
  settings?: LoadedSettings
  /** Start the project's MCP servers for this run even when the user has not approved them (--approve-mcp). */
  approveMcp?: boolean
  /** The user's config dir (MCP approvals); default oacConfigDir(). */
  configDir?: string
}

/** The session to continue: by id (or prefix), the newest in this project for `latest`, none without --resume. */
export function findResumed(store: SessionStore, root: string, resume: string | undefined) {
  if (resume === undefined) return undefined
  return resume === 'latest' ? store.latest(root) : store.get(resume)
}

/**
 * The user's MCP servers, and the project's that the user approved (or all with --approve-mcp); the others are
 * not started and reported with the command that approves them. One that fails to start is reported and left out.
 */
export async function startMcp(
  root: string,
  emit: AgentEventListener,
  o: Pick<AgentRunOptions, 'settings' | 'approveMcp' | 'configDir'> = {},
): Promise<McpTools> {
  const servers = await loadMcpServers(root, o.settings ?? (await loadSettings(root)))
  const held = approvalStates(servers, root, loadApprovals(o.configDir ?? oacConfigDir())).filter(
    (s) => s.state !== 'approved' && !o.approveMcp,
  )
  for (const {entry, state} of held)
    emit({
      type: 'notice',
      message: `MCP server \`${entry.name}\` from ${relative(root, entry.file)} not started: ${
        state === 'new' ? 'not approved yet' : 'changed since you approved it'
      } (runs: ${describeServer(entry.config)}). Approve it with \`oac agent mcp approve ${entry.name}\` or pass --approve-mcp for this run.`,
    })
  const mcp = await connectMcpServers(
    servers.filter((s) => !held.some((h) => h.entry === s)),
    root,
  )
  for (const failure of mcp.failures) emit({type: 'notice', message: `${failure}; continuing without it`})
  return mcp
}
