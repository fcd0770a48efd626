import {readFileSync} from 'node:fs'
import {z} from 'zod'
import {ConfigError, loadYaml} from '../profiles/load-yaml.js'
import {budgetSchema} from './cost/budget.js'
import {priceOf, priceSchema} from './cost/price-table.js'

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

/** `local`: an engine on this box or the fleet; `anthropic` / `openai`: a paid cloud API, used only when allowed. */
export const UPSTREAM_KINDS = ['local', 'anthropic', 'openai'] as const
export type UpstreamKind = (typeof UPSTREAM_KINDS)[number]

/**
 * The APIs each kind speaks natively unless `apis` says otherwise: local engines speak Chat Completions; Anthropic
 * speaks Messages, and Chat Completions through its OpenAI SDK compatibility layer
 * (https://platform.claude.com/docs/en/api/openai-sdk); OpenAI speaks Chat Completions and Responses.
 */
const DEFAULT_APIS: Record<UpstreamKind, UpstreamApi[]> = {
  local: ['chat'],
  anthropic: ['messages', 'chat'],
  openai: ['chat', 'responses'],
}

export const upstreamSchema = z
  .strictObject({
    /** Name used in route targets (`name/model`), metrics and error messages. */
    name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, `.`, `_` or `-`'),
    kind: z.enum(UPSTREAM_KINDS).default('local'),
    /** The OpenAI base URL, `http://host:port/v1` (a cloud API's root, such as https://api.anthropic.com, works too). */
    url: z.url({protocol: /^https?$/}),
    /** Model ids this upstream serves. */
    models: z.array(z.string().min(1)).min(1),
    /** APIs served natively (default by kind: see DEFAULT_APIS). */
    apis: z.array(z.enum(UPSTREAM_APIS)).optional(),
    /** Sent as `Authorization: Bearer` to a local upstream. A cloud upstream's key is never written here: apiKeyEnv. */
    apiKey: z.string().optional(),
    /** The environment variable holding the key (read at each request; never stored, logged or written). */
    apiKeyEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name')
      .optional(),
    /** USD per million tokens per model, over the shipped table (profiles/cloud/prices.yaml). */
    prices: z.record(z.string(), priceSchema).optional(),
    /** Daily and monthly USD caps of a cloud upstream. */
    budget: budgetSchema.optional(),
    /** Requests sent at once; the rest wait in a queue (default: unlimited). */
    maxConcurrent: z.number().int().positive().optional(),
    /** Path probed by health checks, relative to the server root (default /health; a cloud API's /v1/models). */
    healthPath: z.string().startsWith('/').optional(),
    /**
     * Tokens of context per sequence the engine serves (prompt + reply). Default: what the engine says (vLLM's
     * /v1/models max_model_len, llama.cpp's /props n_ctx); the router keeps each request's max_tokens inside it.
     */
    contextLength: z.number().int().positive().optional(),
  })
  .transform((u) => ({
    ...u,
    apis: u.apis ?? DEFAULT_APIS[u.kind],
    healthPath: u.healthPath ?? (u.kind === 'local' ? '/health' : '/v1/models'),
  }))
export type UpstreamConfig = z.output<typeof upstreamSchema>
/** An upstream as written in the file (defaults not yet filled in). */
export type UpstreamInput = z.input<typeof upstreamSchema>

/** Whether requests to this upstream cost money and need the user's `allowCloud`. */
export const isCloud = (u: Pick<UpstreamConfig, 'kind'>) => u.kind !== 'local'

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
  /** Glob on the request's `x-oac-class` header (a client or script naming the task class: complex, fast...). */
  class: z.string().optional(),
})
export type RouteMatch = z.output<typeof routeMatchSchema>

/** `upstream/model`, or a bare model id that any upstream serving it may answer (load-balanced). */
const target = z.string().min(1)

export const routeSchema = z.strictObject({
  match: routeMatchSchema.default({model: '*'}),
  to: target,
  /** Tried in order when `to` fails before the first byte reached the client (`fallback: [local]` under a cloud `to`). */
  fallback: z.array(target).default([]),
  /**
   * Tried when the route's own targets cannot take the request: down, their queue waited over `overflowQueueMs`,
   * or the prompt over their context (`to: local` with `overflow: [cloud]` prefers the box).
   */
  overflow: z.array(target).default([]),
  /** Queue wait (ms) of a local target past which a request overflows (default: settings.overflowQueueMs). */
  overflowQueueMs: z.number().int().nonnegative().optional(),
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
  overflowQueueMs: 2_000,
  /** USD per kWh for the energy of local requests (a common household rate; set yours). */
  electricityUsdPerKwh: 0.3,
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
  /** Queue wait (ms) of a local target past which a route with `overflow` sends a request there. */
  overflowQueueMs: z.number().int().nonnegative().default(ROUTER_DEFAULTS.overflowQueueMs),
  /** Record every request's tokens, cost and energy in the results store (`oac cost`). */
  ledger: z.boolean().default(true),
  /** Serve the live page at /dashboard (and its event stream). */
  dashboard: z.boolean().default(true),
  electricityUsdPerKwh: z.number().nonnegative().default(ROUTER_DEFAULTS.electricityUsdPerKwh),
  /**
   * GPU power (W) to assume while serving when none can be sampled (no nvidia-smi, powermetrics without root);
   * energy figures from it are marked estimated. Default: the GPUs' power limits stored by `oac detect`.
   */
  gpuWatts: z.number().positive().optional(),
})
export type RouterSettings = z.output<typeof routerSettingsSchema>

export const routingConfigSchema = z.strictObject({
  upstreams: z.array(upstreamSchema).min(1),
  routes: z.array(routeSchema).default([]),
  settings: routerSettingsSchema.default(routerSettingsSchema.parse({})),
  /** Refused with its own message (checkReferences): only the user's own settings may allow the cloud. */
  allowCloud: z.unknown().optional(),
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
  if (config.allowCloud !== undefined)
    return {
      path: ['allowCloud'],
      message:
        'a routing file cannot allow the cloud (a project could ship one): set "allowCloud": true in your own settings, ~/.config/oac/settings.json',
    }
  const names = new Set<string>()
  for (const [i, u] of config.upstreams.entries()) {
    if (names.has(u.name)) return {path: ['upstreams', i, 'name'], message: `duplicate upstream name \`${u.name}\``}
    names.add(u.name)
    const problem = cloudProblem(u)
    if (problem) return {path: ['upstreams', i, ...problem.path], message: problem.message}
  }
  for (const [i, route] of config.routes.entries()) {
    const targets = [
      ['to', route.to] as const,
      ...route.fallback.map((t, k) => ['fallback', t, k] as const),
      ...route.overflow.map((t, k) => ['overflow', t, k] as const),
    ]
    for (const [key, text, k] of targets) {
      const t = parseTarget(text, config.upstreams)
      const serving = config.upstreams.filter(
        (u) => (!t.upstream || u.name === t.upstream) && u.models.includes(t.model),
      )
      if (serving.length === 0) {
        const path = k === undefined ? ['routes', i, key] : ['routes', i, key, k]
        const served = config.upstreams.map((u) => `${u.name}/${u.models.join(`, ${u.name}/`)}`).join(', ')
        return {path, message: `no upstream serves \`${text}\` (expected upstream/model, one of: ${served})`}
      }
    }
  }
  return undefined
}

/** What a cloud upstream lacks: a key by variable (never in the file) and a price for every model it serves. */
function cloudProblem(u: UpstreamConfig): {path: (string | number)[]; message: string} | undefined {
  if (!isCloud(u)) return undefined
  if (u.apiKey !== undefined)
    return {
      path: ['apiKey'],
      message: `a cloud key is never written in a file: name its environment variable instead (apiKeyEnv: ${u.kind === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY'})`,
    }
  if (u.apiKeyEnv === undefined)
    return {path: [], message: 'a cloud upstream needs apiKeyEnv: the environment variable that holds its key'}
  for (const [k, model] of u.models.entries())
    if (!priceOf(u.prices, model))
      return {
        path: ['models', k],
        message: `no price for \`${model}\` in oac's table: add prices: {${model}: {input, cachedInput, output}} (USD per million tokens)`,
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
