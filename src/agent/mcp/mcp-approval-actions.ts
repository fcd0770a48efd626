import {oacConfigDir} from '../../paths.js'
import {projectRoot} from '../project-root.js'
import {loadSettings} from '../settings/load-settings.js'
import {
  approvalStates,
  approveServers,
  describeServer,
  loadApprovals,
  resetApprovals,
  saveApprovals,
} from './mcp-approvals.js'
import {loadMcpServers} from './mcp-config.js'

// What `oac agent mcp list|approve|reset` do, on the project of `cwd` and the approvals in the user's config dir.

export interface McpServerStatus {
  name: string
  runs: string
  state: 'approved' | 'new' | 'changed'
}

async function projectServers(root: string) {
  return loadMcpServers(root, await loadSettings(root))
}

export async function listMcpApprovals(cwd: string, configDir = oacConfigDir()) {
  const root = await projectRoot(cwd)
  const states = approvalStates(await projectServers(root), root, loadApprovals(configDir))
  const servers = states.map(
    (s): McpServerStatus => ({name: s.entry.name, runs: describeServer(s.entry, root), state: s.state}),
  )
  return {root, servers}
}

export async function approveMcpServers(cwd: string, names: string[], configDir = oacConfigDir()) {
  const root = await projectRoot(cwd)
  const {approvals, approved} = approveServers(await projectServers(root), root, loadApprovals(configDir), names)
  saveApprovals(configDir, approvals)
  const servers = approved.map(
    (s): McpServerStatus => ({name: s.name, runs: describeServer(s, root), state: 'approved'}),
  )
  return {root, servers}
}

export async function resetMcpApprovals(cwd: string, all: boolean, configDir = oacConfigDir()) {
  const root = await projectRoot(cwd)
  saveApprovals(configDir, resetApprovals(loadApprovals(configDir), root, all))
  return {root, all}
}

export function renderMcpStatus(servers: McpServerStatus[]): string {
  if (!servers.length) return 'No project MCP servers (.oac/mcp.json, .mcp.json, .oac/settings.json).'
  return servers.map((s) => `${s.name.padEnd(16)} ${s.state.padEnd(9)} ${s.runs}`).join('\n')
}
