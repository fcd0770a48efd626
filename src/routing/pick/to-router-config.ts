import {stringify} from 'yaml'
import {openAiBaseUrl} from '../../llm/endpoint.js'
import type {UpstreamInput} from '../config.js'
import type {FleetEndpoint} from './fleet-candidates.js'
import type {PickResult} from './types.js'

// A decision as the file `oac router --config` serves: one upstream per endpoint, a route per chosen model, each
// with the next-best eligible candidates of its class as fallbacks, and a catch-all to the agent model. Over a fleet
// (--fleet) every live host is an upstream named after it, and routes name bare model ids, so every host serving the
// chosen model shares its load (the router balances a bare id over its upstreams by least outstanding requests).

type RouteEntry = {match: {model: string}; to: string; fallback: string[]}
export type RoutingFile = {upstreams: UpstreamInput[]; routes: RouteEntry[]}

export function toRouterConfig(result: PickResult, fleet?: FleetEndpoint[]): RoutingFile {
  const upstreams = new Map<string, {name: string; models: Set<string>; engine?: string}>()
  const hostOf = new Map(fleet?.map((f) => [openAiBaseUrl(f.url), f.host]))
  const target = (candidate: string, model: string) => {
    const url = openAiBaseUrl(candidate.slice(candidate.lastIndexOf('@') + 1))
    const engine = result.candidates.find((c) => c.id === candidate)?.engine
    const name = hostOf.get(url) ?? `u${upstreams.size + 1}`
    const u = upstreams.get(url) ?? {name, models: new Set<string>(), engine}
    u.models.add(model)
    upstreams.set(url, u)
    return fleet ? model : `${u.name}/${model}`
  }
  if (fleet) for (const c of result.candidates) target(c.id, c.model)
  const routes: RouteEntry[] = []
  let agentRoute: RouteEntry | undefined
  for (const decision of result.classes) {
    const [best, ...rest] = decision.ranking.filter((r) => !r.excludedBy)
    if (!best) continue
    const to = target(best.candidate, best.model)
    const fallback = rest.map((r) => target(r.candidate, r.model))
    const route = {
      match: {model: best.model},
      to,
      fallback: fleet ? [...new Set(fallback)].filter((m) => m !== to) : fallback,
    }
    if (decision.taskClass === 'agent') agentRoute = route
    if (!routes.some((r) => r.match.model === best.model)) routes.push(route)
  }
  if (agentRoute) routes.push({...agentRoute, match: {model: '*'}})
  return {
    upstreams: [...upstreams.entries()].map(([url, u]) => ({
      name: u.name,
      url,
      models: [...u.models],
      apis: ['chat' as const],
      // Ollama has no /health; its version route answers as soon as the server is up. A fleet host's engine is not
      // known here: its model list answers on every OpenAI-compatible engine, as `oac fleet route` checks it.
      healthPath: fleet ? '/v1/models' : u.engine === 'ollama' ? '/api/version' : '/health',
    })),
    routes,
  }
}

export function routerConfigYaml(result: PickResult, fleet?: FleetEndpoint[], now = new Date()): string {
  return `# Written by \`oac route pick --write\` on ${now.toISOString()} from stored runs; edit freely.\n${stringify(toRouterConfig(result, fleet))}`
}
