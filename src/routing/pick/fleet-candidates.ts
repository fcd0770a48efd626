import {loadInventory} from '../../fleet/inventory.js'
import {fleetStatus} from '../../fleet/status.js'
import {fleetRouting} from '../../fleet/upstreams.js'
import {openAiBaseUrl} from '../../llm/endpoint.js'
import type {Candidate} from './types.js'

// `oac route pick --fleet INV`: the candidates are the inventory's hosts, found as `oac fleet route` finds them
// (each host's URL and the model it serves now, or its `oac_model` while it is down), not every endpoint this
// machine ever registered. A host some stored run measured keeps that run's figures; a host no run measured is a
// candidate without figures, so the policy names the command that would measure it. Liveness is route pick's own
// probe afterwards: a host that does not answer is left out and listed.

/** One host of the fleet as a router upstream: its name, base URL and the model it serves. */
export interface FleetEndpoint {
  host: string
  url: string
  model: string
}

/** The inventory's hosts with what each serves, through the same code as `oac fleet route`. */
export async function fleetEndpoints(inventoryFile: string): Promise<FleetEndpoint[]> {
  const {hosts} = loadInventory(inventoryFile)
  const routing = fleetRouting(hosts, await fleetStatus(hosts, 0))
  return routing.upstreams.flatMap((u) => u.models.map((model) => ({host: u.name, url: u.url, model})))
}

/** Measured candidates served by a fleet host, plus one candidate without figures per host and model no run measured. */
export function fleetCandidates(measured: Candidate[], fleet: FleetEndpoint[]): Candidate[] {
  const key = (model: string, url: string) => {
    try {
      return `${model}@${openAiBaseUrl(url)}`
    } catch {
      return `${model}@${url}`
    }
  }
  const wanted = new Set(fleet.map((f) => key(f.model, f.url)))
  const kept = measured.filter((c) => c.endpointUrl && wanted.has(key(c.model, c.endpointUrl)))
  const have = new Set(kept.map((c) => key(c.model, c.endpointUrl)))
  const fresh = fleet
    .filter((f) => !have.has(key(f.model, f.url)))
    .map((f): Candidate => ({id: `${f.model}@${f.url}`, model: f.model, endpointUrl: f.url, ignored: []}))
  return [...kept, ...fresh]
}
