import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {writePrivateFile} from '../../private-files.js'
import type {McpServerConfig, McpServerEntry} from './mcp-config.js'

// A project's MCP servers (.oac/mcp.json, .mcp.json, .oac/settings.json) come with the repository, so whoever wrote
// the repo chose those commands. oac starts a project server only after the user approved exactly what it runs: the approval is a hash of the command, args
// and env (or URL and headers), kept in the user's config dir, outside any repository. Any change to the server's
// entry changes the hash, and the server waits for a new approval.

export const APPROVALS_FILE = 'mcp-approvals.json'

/** Approved servers: project root → server name → fingerprint of what it runs. */
export type McpApprovals = Record<string, Record<string, string>>

/** A stable hash of everything that decides what a server runs or where it connects. */
export function serverFingerprint(server: McpServerConfig): string {
  const what =
    'url' in server
      ? {url: server.url, headers: sorted(server.headers)}
      : {command: server.command, args: server.args, env: sorted(server.env)}
  return createHash('sha256').update(JSON.stringify(what)).digest('hex')
}

function sorted(record: Record<string, string>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b))
}

/** One line saying what a server runs, for the person who approves it. */
export function describeServer(server: McpServerConfig): string {
  if ('url' in server) {
    const headers = Object.keys(server.headers)
    return `${server.url}${headers.length ? ` (headers: ${headers.join(', ')})` : ''}`
  }
  const env = Object.keys(server.env)
  const argv = [server.command, ...server.args].map((a) => (/^[\w./:=@%+-]+$/.test(a) ? a : JSON.stringify(a)))
  return `${argv.join(' ')}${env.length ? ` (env: ${env.join(', ')})` : ''}`
}

export type ApprovalState = 'approved' | 'new' | 'changed'

/** Each project-scoped server and whether the user approved it as it is now (user-scoped ones need no approval). */
export function approvalStates(servers: McpServerEntry[], root: string, approvals: McpApprovals) {
  const approved = approvals[root] ?? {}
  return servers
    .filter((s) => s.scope === 'project')
    .map((entry) => {
      const stored = approved[entry.name]
      const state: ApprovalState =
        stored === undefined ? 'new' : stored === serverFingerprint(entry.config) ? 'approved' : 'changed'
      return {entry, state}
    })
}

export function loadApprovals(configDir: string): McpApprovals {
  try {
    const data = JSON.parse(readFileSync(join(configDir, APPROVALS_FILE), 'utf8')) as unknown
    return data && typeof data === 'object' ? (data as McpApprovals) : {}
  } catch {
    return {}
  }
}

export function saveApprovals(configDir: string, approvals: McpApprovals): void {
  writePrivateFile(join(configDir, APPROVALS_FILE), `${JSON.stringify(approvals, null, 2)}\n`)
}

/** Approves the named project servers (all of them without names) as they are configured now. */
export function approveServers(servers: McpServerEntry[], root: string, approvals: McpApprovals, names: string[]) {
  const project = servers.filter((s) => s.scope === 'project')
  const unknown = names.filter((n) => !project.some((s) => s.name === n))
  if (unknown.length)
    throw new Error(
      `No project MCP server named ${unknown.map((n) => `\`${n}\``).join(', ')} (.oac/mcp.json, .mcp.json)`,
    )
  const chosen = names.length ? project.filter((s) => names.includes(s.name)) : project
  const next: McpApprovals = {...approvals, [root]: {...approvals[root]}}
  for (const s of chosen) next[root]![s.name] = serverFingerprint(s.config)
  return {approvals: next, approved: chosen}
}

/** Forgets the approvals of the project (or of every project with `all`). */
export function resetApprovals(approvals: McpApprovals, root: string, all: boolean): McpApprovals {
  if (all) return {}
  const {[root]: _, ...rest} = approvals
  return rest
}
