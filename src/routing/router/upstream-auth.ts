import type {UpstreamConfig} from '../config.js'

// The credentials an upstream gets, by kind: a local engine its `apiKey` (or `apiKeyEnv`) as a Bearer token, as
// every OpenAI-compatible server takes it; OpenAI a Bearer token; Anthropic `x-api-key` with the API version its
// Messages API requires (https://docs.anthropic.com/en/api/versioning), unless the client sent its own version.
// Cloud keys are read from the environment at each request and never leave this function's result.

/** The Messages API version sent when the client gave none. */
export const ANTHROPIC_VERSION = '2023-06-01'

/** The key for an upstream, from the file (local only) or its variable; undefined when none is set. */
export function upstreamKey(u: UpstreamConfig, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (u.apiKeyEnv !== undefined) return env[u.apiKeyEnv] || undefined
  return u.apiKey
}

/** Headers that carry the upstream's credentials. */
export function authHeaders(u: UpstreamConfig, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const key = upstreamKey(u, env)
  if (u.kind === 'anthropic') return key ? {'x-api-key': key, 'anthropic-version': ANTHROPIC_VERSION} : {}
  return key ? {authorization: `Bearer ${key}`} : {}
}
