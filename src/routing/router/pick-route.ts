import {parseTarget, type RoutingConfig, type Target, type UpstreamApi} from '../config.js'

// Which targets may answer a request, in the order to try them: the first route whose match holds gives `to`
// then its fallbacks. A model no route matches but an upstream serves by that exact id goes to that upstream.

/** What routing looks at in a request. */
export interface RequestFacts {
  model: string
  api: UpstreamApi
  hasTools: boolean
  /** Estimated lazily: only routes that look at prompt length pay for it. */
  promptTokens: () => number
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

export function pickTargets(config: RoutingConfig, facts: RequestFacts): Target[] | undefined {
  for (const route of config.routes) {
    const m = route.match
    if (!globMatch(m.model, facts.model)) continue
    if (m.api && m.api !== facts.api) continue
    if (m.tools !== undefined && m.tools !== facts.hasTools) continue
    if (m.minPromptTokens !== undefined && facts.promptTokens() < m.minPromptTokens) continue
    if (m.maxPromptTokens !== undefined && facts.promptTokens() > m.maxPromptTokens) continue
    return [route.to, ...route.fallback].map((t) => parseTarget(t, config.upstreams))
  }
  if (config.upstreams.some((u) => u.models.includes(facts.model))) return [{model: facts.model}]
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
