import {readFileSync} from 'node:fs'
import {z} from 'zod'
import {ConfigError, loadYaml} from '../profiles/load-yaml.js'

/** The router config's text; a path that is not a readable file is a ConfigError naming it (exit 2). */
function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot read (${code})`
    throw new ConfigError(file, undefined, `${why} (write one with \`oac route pick --write FILE\`)`)
  }
}

// The routing file that `oac router --config` serves and `oac route pick --write` writes: where the engines are
// (upstreams) and which one answers which request (routes, first match wins). Defaults live here, in one place.

/** The client APIs an upstream can speak natively; a request in one of them is passed through untranslated. */
export const UPSTREAM_APIS = ['chat', 'messages', 'responses'] as const
export type UpstreamApi = (typeof UPSTREAM_APIS)[number]

export const upstreamSchema = z.strictObject({
  /** Name used in route targets (`name/model`), metrics and error messages. */
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, `.`, `_` or `-`'),
  /** The OpenAI base URL, `http://host:port/v1`. */
  url: z.url({protocol: /^https?$/}),
  /** Model ids this upstream serves. */
  models: z.array(z.string().min(1)).min(1),
  /** APIs served natively (default: Chat Completions only, as every local engine speaks it). */
  apis: z.array(z.enum(UPSTREAM_APIS)).default(['chat']),
  /** Sent as `Authorization: Bearer` to the upstream. */
  apiKey: z.string().optional(),
  /** Requests sent at once; the rest wait in a queue (default: unlimited). */
  maxConcurrent: z.number().int().positive().optional(),
  /** Path probed by health checks, relative to the server root (default /health). */
  healthPath: z.string().startsWith('/').default('/health'),
  /**
   * Tokens of context per sequence the engine serves (prompt + reply). Default: what the engine says (vLLM's
   * /v1/models max_model_len, llama.cpp's /props n_ctx); the router keeps each request's max_tokens inside it.
   */
  contextLength: z.number().int().positive().optional(),
})
export type UpstreamConfig = z.output<typeof upstreamSchema>

export const routeMatchSchema = z.strictObject({
  /** Glob on the model the client asked for: `*` any run of characters, `?` one character. */
  model: z.string().default('*'),
  /** Only requests whose prompt is at least this many tokens (estimated). */
  minPromptTokens: z.number().int().nonnegative().optional(),
  /** Only requests whose prompt is at most this many tokens (estimated). */
  maxPromptTokens: z.number().int().nonnegative().optional(),
  /** true: only requests that define tools; false: only requests without tools. */
  tools: z.boolean().optional(),
  /** Only requests arriving on this client API. */
  api: z.enum(UPSTREAM_APIS).optional(),
})
export type RouteMatch = z.output<typeof routeMatchSchema>

/** `upstream/model`, or a bare model id that any upstream serving it may answer (load-balanced). */
const target = z.string().min(1)

export const routeSchema = z.strictObject({
  match: routeMatchSchema.default({model: '*'}),
  to: target,
  /** Tried in order when `to` fails before the first byte reached the client. */
  fallback: z.array(target).default([]),
})
export type RouteConfig = z.output<typeof routeSchema>

export const ROUTER_DEFAULTS = {
  /** An upstream that sent no byte within this time is skipped for the next candidate. */
  firstByteTimeoutMs: 30_000,
  healthIntervalMs: 5_000,
  healthTimeoutMs: 2_000,
  /** Consecutive failed requests that take an upstream out (a failed health probe takes it out at once). */
  failuresToDown: 3,
  /** How long a down upstream waits before one request may try it again (half-open). */
  halfOpenAfterMs: 1_000,
  maxBodyBytes: 32 * 1024 * 1024,
  /** What becomes of system messages after the first in a translated request (see routerSettingsSchema). */
  systemMessages: 'fold',
} as const

export const routerSettingsSchema = z.strictObject({
  firstByteTimeoutMs: z.number().int().positive().default(ROUTER_DEFAULTS.firstByteTimeoutMs),
  healthIntervalMs: z.number().int().positive().default(ROUTER_DEFAULTS.healthIntervalMs),
  healthTimeoutMs: z.number().int().positive().default(ROUTER_DEFAULTS.healthTimeoutMs),
  failuresToDown: z.number().int().positive().default(ROUTER_DEFAULTS.failuresToDown),
  halfOpenAfterMs: z.number().int().positive().default(ROUTER_DEFAULTS.halfOpenAfterMs),
  maxBodyBytes: z.number().int().positive().default(ROUTER_DEFAULTS.maxBodyBytes),
  /**
   * System messages after the conversation started (Claude Code ends some requests with one; Codex sends developer
   * messages), in requests the router translates to chat: `fold` appends them to the system prompt (chat templates
   * such as Qwen's refuse a system message anywhere but first), `user` sends them as user messages where they stand
   * (the system prompt stays byte-stable for prefix caches), `keep` passes them as they are.
   */
  systemMessages: z.enum(['fold', 'user', 'keep']).default(ROUTER_DEFAULTS.systemMessages),
  /** Keys clients must send (`Authorization: Bearer` or `x-api-key`); required when binding beyond loopback. */
  apiKeys: z.array(z.string().min(8, 'at least 8 characters')).default([]),
})
export type RouterSettings = z.output<typeof routerSettingsSchema>

export const routingConfigSchema = z.strictObject({
  upstreams: z.array(upstreamSchema).min(1),
  routes: z.array(routeSchema).default([]),
  settings: routerSettingsSchema.default(routerSettingsSchema.parse({})),
})
export type RoutingConfig = z.output<typeof routingConfigSchema>

/** A route target split into its upstream (undefined: any upstream serving the model) and model. */
export interface Target {
  upstream?: string
  model: string
}

/** `primary/qwen3` → {upstream: primary, model: qwen3}; a model id with its own slash stays whole. */
export function parseTarget(text: string, upstreams: readonly Pick<UpstreamConfig, 'name'>[]): Target {
  const slash = text.indexOf('/')
  if (slash > 0) {
    const name = text.slice(0, slash)
    if (upstreams.some((u) => u.name === name)) return {upstream: name, model: text.slice(slash + 1)}
  }
  return {model: text}
}

/** Cross-field checks zod cannot express: unique names, targets that name a served model. */
export function checkReferences(config: RoutingConfig): {path: (string | number)[]; message: string} | undefined {
  const names = new Set<string>()
  for (const [i, u] of config.upstreams.entries()) {
    if (names.has(u.name)) return {path: ['upstreams', i, 'name'], message: `duplicate upstream name \`${u.name}\``}
    names.add(u.name)
  }
  for (const [i, route] of config.routes.entries()) {
    for (const [key, text] of [['to', route.to] as const, ...route.fallback.map((t, k) => [k, t] as const)]) {
      const t = parseTarget(text, config.upstreams)
      const serving = config.upstreams.filter(
        (u) => (!t.upstream || u.name === t.upstream) && u.models.includes(t.model),
      )
      if (serving.length === 0) {
        const path = key === 'to' ? ['routes', i, 'to'] : ['routes', i, 'fallback', key]
        const served = config.upstreams.map((u) => `${u.name}/${u.models.join(`, ${u.name}/`)}`).join(', ')
        return {path, message: `no upstream serves \`${text}\` (expected upstream/model, one of: ${served})`}
      }
    }
  }
  return undefined
}

/** Reads and validates a routing file; problems throw ConfigError naming file, line and the expected shape. */
export function loadRoutingConfig(file: string, text = readConfigText(file)): RoutingConfig {
  const config = loadYaml(file, routingConfigSchema, text)
  const problem = checkReferences(config)
  if (!problem) return config
  // Re-run the YAML loader with a schema that fails at the same path, so the line is found the same way.
  const failing = routingConfigSchema.superRefine((_, ctx) => ctx.addIssue({code: 'custom', ...problem}))
  loadYaml(file, failing, text)
  throw new ConfigError(file, undefined, problem.message)
}
