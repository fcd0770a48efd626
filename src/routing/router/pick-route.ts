import {parseTarget, type RoutingConfig, type Target, type UpstreamApi} from '../config.js'

// Which targets may answer a request, in the order to try them: the first route whose match holds gives `to`
// then its fallbacks, and its overflow targets for when those cannot take the request (proxy.ts decides). A model
// no route matches but an upstream serves by that exact id goes to that upstream.

/** What routing looks at in a request. */
export interface RequestFacts {
  model: string
  api: UpstreamApi
  hasTools: boolean
  /** Estimated lazily: only routes that look at prompt length pay for it. */
  promptTokens: () => number
  /** The `x-oac-class` header, when the client sent one. */
  taskClass?: string
}

/** The route a request took: what to try in order, and where it may overflow. */
export interface RoutePlan {
  targets: Target[]
  overflow: Target[]
  overflowQueueMs?: number
  /** Index of the matching route; undefined when the model's own upstream was taken. */
  route?: number
}

const globs = new Map<string, RegExp>()

/** `*` any run of characters, `?` one; everything else literal; the whole id must match. */
export function globMatch(glob: string, text: string): boolean {
  let re = globs.get(glob)
  if (!re) {
    const body = glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')
    re = new RegExp(`^${body}$`)
    globs.set(glob, re)
  }
  return re.test(text)
}

export function pickTargets(config: RoutingConfig, facts: RequestFacts): RoutePlan | undefined {
  const parse = (t: string) => parseTarget(t, config.upstreams)
  for (const [i, route] of config.routes.entries()) {
    const m = route.match
    if (!globMatch(m.model, facts.model)) continue
    if (m.api && m.api !== facts.api) continue
    if (m.tools !== undefined && m.tools !== facts.hasTools) continue
    if (m.class !== undefined && (facts.taskClass === undefined || !globMatch(m.class, facts.taskClass))) continue
    if (m.minPromptTokens !== undefined && facts.promptTokens() < m.minPromptTokens) continue
    if (m.maxPromptTokens !== undefined && facts.promptTokens() > m.maxPromptTokens) continue
    return {
      targets: [route.to, ...route.fallback].map(parse),
      overflow: route.overflow.map(parse),
      ...(route.overflowQueueMs !== undefined ? {overflowQueueMs: route.overflowQueueMs} : {}),
      route: i,
    }
  }
  if (config.upstreams.some((u) => u.models.includes(facts.model)))
    return {targets: [{model: facts.model}], overflow: []}
  return undefined
}

/** The model ids a client may ask for: every served model and every route pattern without wildcards. */
export function routableModels(config: RoutingConfig): string[] {
  const ids = new Set(config.upstreams.flatMap((u) => u.models))
  for (const r of config.routes) if (!/[*?]/.test(r.match.model)) ids.add(r.match.model)
  return [...ids]
}

/** Prompt size estimated from the request body's length (~4 bytes a token), cheap enough for every request. */
export const estimateTokens = (bodyBytes: number) => Math.ceil(bodyBytes / 4)
