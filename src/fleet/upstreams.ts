import {stringify} from 'yaml'
import type {RouteConfig, UpstreamInput} from '../routing/config.js'
import type {FleetHost} from './inventory.js'
import {type FleetHostStatus, hostBaseUrl} from './status.js'

// The router's view of a fleet: one upstream per host, and per model one route to the bare model id, so that every
// host serving it shares its load (the router sends each request to the least busy healthy one and skips a down one).

export interface FleetRouting {
  upstreams: UpstreamInput[]
  routes: Pick<RouteConfig, 'to'>[]
  /** Hosts left out: down, and no `oac_model` saying what they serve. */
  skipped: string[]
}

export function fleetRouting(hosts: FleetHost[], status: FleetHostStatus[]): FleetRouting {
  const upstreams: UpstreamInput[] = []
  const skipped: string[] = []
  for (const host of hosts) {
    const live = status.find((s) => s.host === host.name)
    const model = live?.model ?? host.oac_model
    if (!model) {
      skipped.push(host.name)
      continue
    }
    upstreams.push({name: host.name, kind: 'local', url: hostBaseUrl(host), models: [model], healthPath: '/v1/models'})
  }
  const models = [...new Set(upstreams.flatMap((u) => u.models))]
  return {upstreams, routes: models.map((m) => ({to: m})), skipped}
}

export function routingYaml(routing: FleetRouting): string {
  return `# Written by \`oac fleet route\` from the fleet inventory; edit freely.\n${stringify({upstreams: routing.upstreams, routes: routing.routes})}`
}
