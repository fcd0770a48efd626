import {z} from 'zod'
import {looksLikeSecret} from '../../store/redact.js'

// What environment the agent's shell commands get (after Codex's `shell_environment_policy`). Whatever a command
// prints reaches the model and the session store, so by default no variable whose name says it holds a credential
// is passed on: `env` must not show OPENAI_API_KEY, HF_TOKEN or AWS keys to the model. Nor is one whose value is a
// credential whatever its name says (DATABASE_URL=postgres://app:pw@db, a token in a URL or a known token format).

/** `shellEnvironmentPolicy` in settings.json. */
export const envPolicySchema = z.strictObject({
  /** Which variables to start from: all of oac's, a core set (PATH, HOME, locale, ...), or none. */
  inherit: z.enum(['all', 'core', 'none']).default('all'),
  /** Keep the default excludes off (then only `exclude` drops variables). */
  ignoreDefaultExcludes: z.boolean().default(false),
  /** More name patterns to drop (`*` and `?` wildcards, case-insensitive). */
  exclude: z.array(z.string()).default([]),
  /** When not empty, only variables matching one of these patterns are kept (after the excludes). */
  includeOnly: z.array(z.string()).default([]),
  /** Variables set for every command, after everything else. */
  set: z.record(z.string(), z.string()).default({}),
})

export type EnvPolicy = z.output<typeof envPolicySchema>

export const DEFAULT_ENV_POLICY: EnvPolicy = envPolicySchema.parse({})

/** Names that hold credentials: dropped unless ignoreDefaultExcludes. PWD, PAT, DSN and PASS only as a part of a longer
 * name (MYSQL_PWD, GH_PAT, SENTRY_DSN, SMTP_PASS), so that the shell's own PWD stays. */
export const DEFAULT_EXCLUDES = [
  '*KEY*',
  '*SECRET*',
  '*TOKEN*',
  '*PASSWORD*',
  '*PASSWD*',
  '*PASSPHRASE*',
  '*CREDENTIAL*',
  '*_AUTH',
  '*_AUTH_*',
  ...['PWD', 'PAT', 'DSN', 'PASS'].flatMap((part) => [`*_${part}`, `*_${part}_*`]),
  'AWS_*',
  'OAC_*',
]

/** What `inherit: core` keeps: enough for compilers, package managers and git to work. */
const CORE = [
  'HOME',
  'LOGNAME',
  'PATH',
  'SHELL',
  'USER',
  'USERNAME',
  'TMPDIR',
  'TEMP',
  'TMP',
  'LANG',
  'LC_*',
  'TERM',
  'TZ',
]

function matcher(patterns: string[]): (name: string) => boolean {
  const regexes = patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
        'i',
      ),
  )
  return (name) => regexes.some((r) => r.test(name))
}

/** The environment a shell command gets under `policy`, from oac's own `env`. */
export function shellEnvironment(
  env: NodeJS.ProcessEnv,
  policy: EnvPolicy = DEFAULT_ENV_POLICY,
): Record<string, string> {
  const core = matcher(CORE)
  const excluded = matcher([...(policy.ignoreDefaultExcludes ? [] : DEFAULT_EXCLUDES), ...policy.exclude])
  const included = policy.includeOnly.length ? matcher(policy.includeOnly) : () => true
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || policy.inherit === 'none') continue
    if (policy.inherit === 'core' && !core(name)) continue
    if (excluded(name) || !included(name)) continue
    if (!policy.ignoreDefaultExcludes && looksLikeSecret(value)) continue
    out[name] = value
  }
  return {...out, ...policy.set}
}

/**
 * The values of oac's environment that are credentials, by name or by value (what the default policy keeps from
 * commands, but for the AWS_* and OAC_* settings that are not): tool output that shows one anyway (a file that holds
 * it, a process listing) has it redacted before the model sees it. Longest first, so that a value containing another
 * is replaced whole.
 */
export function credentialValues(env: NodeJS.ProcessEnv): string[] {
  const named = matcher(DEFAULT_EXCLUDES.filter((p) => p !== 'AWS_*' && p !== 'OAC_*'))
  const values = Object.entries(env).flatMap(([name, value]) =>
    value && value.length >= 8 && (named(name) || looksLikeSecret(value)) ? [value] : [],
  )
  return [...new Set(values)].sort((a, b) => b.length - a.length)
}
