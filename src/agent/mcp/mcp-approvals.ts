import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {writePrivateFile} from '../../private-files.js'
import type {McpServerEntry} from './mcp-config.js'
import {serverScripts} from './server-scripts.js'

// A project's MCP servers (.oac/mcp.json, .mcp.json, .oac/settings.json) come with the repository, so whoever wrote
// the repo chose those commands. oac starts a project server only after the user approved exactly what it runs: the
// approval is a hash of the entry as the file writes it (command, args, env; or URL and headers, `${VAR}` left
// unexpanded) and of the content of the project files it runs (server-scripts.ts), kept in the user's config dir,
// outside any repository. A changed entry or a changed script (a sandboxed command may rewrite it; the server runs
// outside the sandbox) changes the hash, and the server waits for a new approval. What is shown to the person is
// the entry as written, so `Authorization: Bearer ${GITHUB_TOKEN}` is seen for what it sends, and no expanded secret
// is ever printed.

export const APPROVALS_FILE = 'mcp-approvals.json'

/** Approved servers: project root → server name → fingerprint of what it runs. */
export type McpApprovals = Record<string, Record<string, string>>

type Served = Pick<McpServerEntry, 'config' | 'raw'>

/** A stable hash of everything that decides what a server runs or where it connects, and of the scripts it runs. */
export function serverFingerprint(server: Served, root: string): string {
  const what = {entry: canonical(server.raw), scripts: serverScripts(server.config, root)}
  return createHash('sha256').update(JSON.stringify(what)).digest('hex')
}

/** JSON with object keys sorted, so that reordering a file's keys is no change. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    )
  return value
}

const word = (a: string) => (/^[\w./:=@%+-]+$/.test(a) ? a : JSON.stringify(a))

function pairs(value: unknown): [string, string][] {
  return value && typeof value === 'object' ? Object.entries(value).map(([k, v]) => [k, String(v)]) : []
}

/** One line saying what a server runs, as its file writes it (variables unexpanded), for the person who approves it. */
export function describeServer(server: Served, root: string): string {
  const raw = (server.raw && typeof server.raw === 'object' ? server.raw : {}) as Record<string, unknown>
  if ('url' in server.config) {
    const headers = pairs(raw.headers).map(([k, v]) => `${k}: ${v}`)
    return `${String(raw.url ?? server.config.url)}${headers.length ? ` (headers: ${headers.join('; ')})` : ''}`
  }
  const args = Array.isArray(raw.args) ? raw.args.map(String) : server.config.args
  const env = pairs(raw.env).map(([k, v]) => `${k}=${v}`)
  const scripts = serverScripts(server.config, root).map((s) => `${s.path} sha256:${s.sha256.slice(0, 12)}`)
  const notes = [
    ...(env.length ? [`env: ${env.join(' ')}`] : []),
    ...(scripts.length ? [`runs ${scripts.join(', ')}`] : []),
  ]
  return `${[String(raw.command ?? server.config.command), ...args].map(word).join(' ')}${notes.length ? ` (${notes.join('; ')})` : ''}`
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
        stored === undefined ? 'new' : stored === serverFingerprint(entry, root) ? 'approved' : 'changed'
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
  for (const s of chosen) next[root]![s.name] = serverFingerprint(s, root)
  return {approvals: next, approved: chosen}
}

/** Forgets the approvals of the project (or of every project with `all`). */
export function resetApprovals(approvals: McpApprovals, root: string, all: boolean): McpApprovals {
  if (all) return {}
  const {[root]: _, ...rest} = approvals
  return rest
}
