import {z} from 'zod'

// What environment the agent's shell commands get (after Codex's `shell_environment_policy`). Whatever a command
// prints reaches the model and the session store, so by default no variable whose name says it holds a credential
// is passed on: `env` must not show OPENAI_API_KEY, HF_TOKEN or AWS keys to the model.

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

/** Names that hold credentials: dropped unless ignoreDefaultExcludes. */
export const DEFAULT_EXCLUDES = [
  '*KEY*',
  '*SECRET*',
  '*TOKEN*',
  '*PASSWORD*',
  '*PASSWD*',
  '*CREDENTIAL*',
  '*_AUTH',
  '*_AUTH_*',
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
    out[name] = value
  }
  return {...out, ...policy.set}
}
