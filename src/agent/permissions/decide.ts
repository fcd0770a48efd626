import {homedir} from 'node:os'
import {join, resolve} from 'node:path'
import {secretFileReason} from '../../util/secret-files.js'
import {destructiveReason} from '../shell/destructive.js'
import {parseShell} from '../shell/parse-shell.js'
import {pathRisk} from '../shell/path-guard.js'
import {isInside} from '../tools/project-path.js'
import {allowsCall, type CallFacts, touchesCall} from './match-rule.js'
import type {PermissionRule} from './permission-rule.js'

// One decision per tool call, before it runs: allow, deny, or ask. An ask either may be answered by --yes or an
// "always" (`person: false`), or needs a person every time (`person: true`): destructive commands, writes to
// .oac/ and .git/, reads of credentials or outside the project, commands when no sandbox works.

export type Decision =
  | {kind: 'allow'}
  | {kind: 'deny'; reason: string}
  | {kind: 'ask'; person: boolean; dangerous: boolean; reason?: string}

export interface PermissionPolicy {
  allow: PermissionRule[]
  ask: PermissionRule[]
  deny: PermissionRule[]
  /** Whether bash commands run in a working OS sandbox; the reason when they cannot. */
  sandbox: {ok: true; mode: 'read-only' | 'workspace-write' | 'full-access'} | {ok: false; reason: string}
}

export interface ToolCallInfo {
  tool: string
  args: Record<string, unknown>
  mutates: boolean
  root: string
  /** The user's home (default: os.homedir()). */
  home?: string
}

const FILE_WRITERS = new Set(['write', 'edit', 'multi_edit'])
const FILE_READERS = new Set(['read', 'grep', 'glob', 'ls'])
const PROTECTED = ['.oac', '.git']
const SECRET_DIRS = ['.ssh', '.aws', '.gnupg', '.config/gcloud', '.kube', '.docker/config.json']

export function callFacts(call: ToolCallInfo): CallFacts {
  const command = call.args.command
  const path = call.args.path
  return {
    tool: call.tool,
    root: call.root,
    ...(call.tool === 'bash' && typeof command === 'string' ? {shell: parseShell(command)} : {}),
    ...(typeof path === 'string'
      ? {path: resolve(call.root, path)}
      : FILE_READERS.has(call.tool)
        ? {path: call.root}
        : {}),
  }
}

/** Inside .oac/ or .git/ of the project (after following symlinks). */
export function isProtectedPath(root: string, path: string): boolean {
  return PROTECTED.some((p) => isInside(join(root, p), path))
}

/** Credentials (~/.ssh, ~/.aws, ...), .env files, or anywhere outside the project. */
export function sensitiveReadReason(root: string, path: string): string | undefined {
  const home = homedir()
  if (SECRET_DIRS.some((d) => isInside(join(home, d), path))) return 'reads a credentials folder'
  // Dotenv files, keys and credential stores inside the project too (a cloned repo's .env, a deploy key).
  const secret = secretFileReason(path)
  if (secret) return `reads a secret file (${secret})`
  if (!isInside(root, path)) return 'reads outside the project'
  return undefined
}

export function decide(call: ToolCallInfo, policy: PermissionPolicy): Decision {
  const facts = callFacts(call)
  const denied = touchesCall(policy.deny, facts)
  if (denied) return {kind: 'deny', reason: `a deny rule (\`${denied.text}\`) covers it`}
  const command = typeof call.args.command === 'string' ? call.args.command : undefined
  if (command !== undefined) {
    const cwd = typeof call.args.cwd === 'string' ? call.args.cwd : undefined
    const home = call.home ?? homedir()
    const risk = pathRisk(command, {root: call.root, ...(cwd ? {cwd} : {}), home, env: {...process.env, HOME: home}})
    if (risk?.kind === 'refuse') return {kind: 'deny', reason: `this command ${risk.reason}`}
    const reason = destructiveReason(command)
    if (reason) return {kind: 'ask', person: true, dangerous: true, reason: `this command ${reason}`}
    if (risk) return {kind: 'ask', person: true, dangerous: true, reason: `this command ${risk.reason}`}
    const into = facts.shell?.commands
      .flatMap((c) => c.redirects)
      .find((r) => isProtectedPath(call.root, resolve(call.root, r.target)))
    if (into) return {kind: 'ask', person: true, dangerous: false, reason: `it writes ${into.target}`}
  }
  if (FILE_WRITERS.has(call.tool) && facts.path && isProtectedPath(call.root, facts.path))
    return {kind: 'ask', person: true, dangerous: false, reason: 'it changes oac project config or the .git folder'}
  const asked = touchesCall(policy.ask, facts)
  if (asked) return {kind: 'ask', person: true, dangerous: false, reason: `an ask rule (\`${asked.text}\`) covers it`}
  const allowed = allowsCall(policy.allow, facts)
  if (FILE_READERS.has(call.tool) && facts.path) {
    const reason = sensitiveReadReason(call.root, facts.path)
    if (reason && !allowed) return {kind: 'ask', person: true, dangerous: false, reason: `it ${reason}`}
  }
  if (allowed || !call.mutates) return {kind: 'allow'}
  if (call.tool === 'bash' && !policy.sandbox.ok)
    return {kind: 'ask', person: true, dangerous: false, reason: `commands are not sandboxed: ${policy.sandbox.reason}`}
  if (FILE_WRITERS.has(call.tool) && policy.sandbox.ok && policy.sandbox.mode === 'read-only')
    return {kind: 'ask', person: true, dangerous: false, reason: 'the session is read-only'}
  return {kind: 'ask', person: false, dangerous: false}
}

/** No rules, commands unsandboxed by choice: the behaviour of a run that set nothing up (unit tests, old callers). */
export const OPEN_POLICY: PermissionPolicy = {allow: [], ask: [], deny: [], sandbox: {ok: true, mode: 'full-access'}}
