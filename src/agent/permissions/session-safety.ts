import type {z} from 'zod'
import {ConfigError} from '../../profiles/load-yaml.js'
import type {AgentEventListener} from '../events.js'
import {type SandboxMode, sandboxSchema} from '../sandbox/sandbox-settings.js'
import {openSandbox, type ShellSandbox} from '../sandbox/shell-sandbox.js'
import type {LoadedSettings} from '../settings/load-settings.js'
import {credentialValues, envPolicySchema, shellEnvironment} from '../shell/env-policy.js'
import type {PermissionPolicy} from './decide.js'
import {type PermissionRule, parseRule, permissionsSchema} from './permission-rule.js'

// What a session allows, from the settings files and flags. A project's settings come with a cloned repository,
// so they may only tighten: their deny and ask rules, env excludes and a read-only sandbox count; their allow
// rules, a looser sandbox, network access and env inheritance are ignored (with a notice). The user's own
// settings (~/.config/oac/settings.json) may loosen.

export interface SessionSafety {
  permissions: PermissionPolicy
  shellEnv: Record<string, string>
  /** The environment's credentials, redacted wherever a tool prints them. */
  secrets: string[]
  sandbox?: ShellSandbox
}

function section<S extends z.ZodType>(file: string, key: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new ConfigError(file, undefined, `\`${[key, ...(issue?.path ?? [])].join('.')}\`: ${issue?.message}`)
}

function ruleIn(file: string, text: string): PermissionRule {
  try {
    return parseRule(text)
  } catch (error) {
    throw new ConfigError(file, undefined, `permissions: ${(error as Error).message}`)
  }
}

export async function sessionSafety(
  root: string,
  o: {sandbox?: SandboxMode; settings?: LoadedSettings},
  emit: AgentEventListener,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SessionSafety> {
  const rules = {allow: [] as PermissionRule[], ask: [] as PermissionRule[], deny: [] as PermissionRule[]}
  let mode: SandboxMode | undefined
  let network = false
  const writableRoots: string[] = []
  const readableRoots: string[] = []
  let envPolicy = envPolicySchema.parse({})
  const ignored: string[] = []
  for (const f of o.settings?.files ?? []) {
    // The user's own file, or a project file the user trusts, may loosen; an untrusted project's only tighten.
    const user = f.scope === 'user' || f.trusted === true
    const p = section(f.file, 'permissions', permissionsSchema, f.settings.permissions)
    for (const kind of ['ask', 'deny'] as const) rules[kind].push(...p[kind].map((r) => ruleIn(f.file, r)))
    if (user) rules.allow.push(...p.allow.map((r) => ruleIn(f.file, r)))
    else if (p.allow.length) ignored.push('permissions.allow')
    const s = section(f.file, 'sandbox', sandboxSchema, f.settings.sandbox)
    if (user || s.mode === 'read-only') mode = s.mode ?? mode
    else if (s.mode) ignored.push(`sandbox.mode ${s.mode}`)
    if (user) {
      network = s.network
      writableRoots.push(...s.writableRoots)
      readableRoots.push(...s.readableRoots)
    } else if (s.network || s.writableRoots.length || s.readableRoots.length)
      ignored.push('sandbox.network/writableRoots/readableRoots')
    const e = section(f.file, 'shellEnvironmentPolicy', envPolicySchema, f.settings.shellEnvironmentPolicy)
    if (user) envPolicy = {...e, exclude: [...envPolicy.exclude, ...e.exclude]}
    else {
      envPolicy = {...envPolicy, exclude: [...envPolicy.exclude, ...e.exclude]}
      if (
        f.settings.shellEnvironmentPolicy &&
        Object.keys(f.settings.shellEnvironmentPolicy).some((k) => k !== 'exclude')
      )
        ignored.push('shellEnvironmentPolicy (all but exclude)')
    }
  }
  ignored.unshift(...(o.settings?.ignored ?? []))
  if (ignored.length)
    emit({
      type: 'notice',
      message: `Ignored until you trust this project${o.settings?.trustChanged ? ' (its files changed since you trusted it)' : ''} (oac agent trust shows what it changes; --trust-project for one run): ${ignored.join(', ')}`,
    })
  const chosen = o.sandbox ?? mode ?? 'workspace-write'
  const opened = await openSandbox(chosen, root, {network, writableRoots, readableRoots})
  if (!opened.ok)
    emit({
      type: 'notice',
      message: `No sandbox for shell commands (${opened.reason}); every command is asked about instead. --sandbox full-access runs them unconfined.`,
    })
  return {
    permissions: {...rules, sandbox: opened.ok ? {ok: true, mode: chosen} : {ok: false, reason: opened.reason}},
    shellEnv: shellEnvironment(env, envPolicy),
    secrets: credentialValues(env),
    ...(opened.ok && chosen !== 'full-access' ? {sandbox: opened.sandbox} : {}),
  }
}
