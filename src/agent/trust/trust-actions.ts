import {join} from 'node:path'
import {oacConfigDir} from '../../paths.js'
import {
  approvalStates,
  approveServers,
  describeServer,
  loadApprovals,
  resetApprovals,
  saveApprovals,
} from '../mcp/mcp-approvals.js'
import {loadMcpServers} from '../mcp/mcp-config.js'
import {projectRoot} from '../project-root.js'
import {loadSettings, PROJECT_SETTINGS_PATH, readSettingsFile} from '../settings/load-settings.js'
import {describeProjectSettings} from './project-changes.js'
import {trustFiles} from './trust-files.js'
import {saveTrust, type TrustState, trustState} from './trust-store.js'
import {ignoredCommands} from './untrusted-settings.js'

// `oac agent trust`: what the project's files would change, and the user's yes or no to it, kept for their content.

export interface TrustReport {
  root: string
  state: TrustState
  /** The trust-relevant files that exist. */
  files: string[]
  /** What the project's settings change, in words. */
  changes: string[]
  /** Its MCP servers, as their files write them (variables unexpanded), with the scripts they run. */
  servers: {name: string; runs: string; state: string}[]
  /** Its custom commands. */
  commands: string[]
}

export async function projectTrustReport(cwd: string, configDir = oacConfigDir()): Promise<TrustReport> {
  const root = await projectRoot(cwd)
  const project = await readSettingsFile(join(root, PROJECT_SETTINGS_PATH), process.env)
  const servers = await loadMcpServers(root, await loadSettings(root, process.env, {trustProject: true, configDir}))
  const states = approvalStates(servers, root, loadApprovals(configDir))
  return {
    root,
    state: trustState(root, configDir),
    files: trustFiles(root),
    changes: project ? describeProjectSettings(project) : [],
    servers: states.map((s) => ({name: s.entry.name, runs: describeServer(s.entry, root), state: s.state})),
    commands: ignoredCommands(root).flatMap((line) => line.replace(/^commands /, '').split(' ')),
  }
}

/** Trusts the project as its files are now, and approves its MCP servers as they are now. */
export async function trustProject(cwd: string, configDir = oacConfigDir()): Promise<TrustReport> {
  const report = await projectTrustReport(cwd, configDir)
  const servers = await loadMcpServers(
    report.root,
    await loadSettings(report.root, process.env, {trustProject: true, configDir}),
  )
  if (servers.some((s) => s.scope === 'project'))
    saveApprovals(configDir, approveServers(servers, report.root, loadApprovals(configDir), []).approvals)
  saveTrust(report.root, configDir, true)
  return projectTrustReport(cwd, configDir)
}

/** Forgets the trust and the MCP approvals of the project. */
export async function revokeTrust(cwd: string, configDir = oacConfigDir()): Promise<{root: string}> {
  const root = await projectRoot(cwd)
  saveTrust(root, configDir, false)
  saveApprovals(configDir, resetApprovals(loadApprovals(configDir), root, false))
  return {root}
}

export function renderTrustReport(r: TrustReport): string {
  if (!r.files.length) return `${r.root}: no project settings, MCP servers or commands; nothing to trust.`
  const state = {trusted: 'trusted', untrusted: 'not trusted', changed: 'changed since you trusted it'}[r.state]
  const lines = [`${r.root} (${state}) — trusting it lets its files (${r.files.join(', ')}):`]
  for (const c of r.changes) lines.push(`  - ${c}`)
  for (const s of r.servers) lines.push(`  - start MCP server \`${s.name}\` outside the sandbox: ${s.runs}`)
  if (r.commands.length) lines.push(`  - add the commands ${r.commands.join(' ')} (.oac/commands)`)
  if (lines.length === 1) lines.push('  - nothing that changes where data goes or what runs')
  return lines.join('\n')
}
