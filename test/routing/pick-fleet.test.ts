import {describe, expect, it} from 'vitest'
import {stringify} from 'yaml'
import {loadRoutingConfig} from '../../src/routing/config.js'
import {type FleetEndpoint, fleetCandidates} from '../../src/routing/pick/fleet-candidates.js'
import {toRouterConfig} from '../../src/routing/pick/to-router-config.js'
import {type Candidate, defaultPolicy, type PickResult} from '../../src/routing/pick/types.js'

// route pick --fleet: the inventory's hosts are the candidates, measured ones keep their runs' figures, and the
// written config lets every host serving the chosen model share it.

const fleet: FleetEndpoint[] = [
  {host: 'box-a', url: 'http://10.0.0.1:8000/v1', model: 'coder'},
  {host: 'box-b', url: 'http://10.0.0.2:8000/v1', model: 'coder'},
  {host: 'box-c', url: 'http://10.0.0.3:8000/v1', model: 'small'},
]
const measured = (model: string, url: string, decode: number): Candidate => ({
  id: `${model}@${url}`,
  model,
  endpointUrl: url,
  ignored: [],
  decodeTokS: {value: decode, runId: 7, at: '2026-12-07T00:00:00Z'},
})

describe('route pick over a fleet', () => {
  it('keeps stored evidence for fleet hosts, adds unmeasured hosts without figures, drops endpoints outside it', () => {
    const a = measured('coder', 'http://10.0.0.1:8000', 42)
    const elsewhere = measured('coder', 'http://127.0.0.1:9999/v1', 99)
    const pool = fleetCandidates([a, elsewhere], fleet)
    expect(pool.map((c) => c.id)).toEqual([
      'coder@http://10.0.0.1:8000',
      'coder@http://10.0.0.2:8000/v1',
      'small@http://10.0.0.3:8000/v1',
    ])
    expect(pool[0]?.decodeTokS?.value).toBe(42)
    expect(pool[1]?.decodeTokS).toBeUndefined()
  })

  it('writes every live host as an upstream named after it, and routes bare model ids so hosts share a model', () => {
    const candidates = fleetCandidates([], fleet)
    const ranked = (c: Candidate) => ({candidate: c.id, model: c.model, figures: {}, runIds: []})
    const result: PickResult = {
      policy: defaultPolicy,
      candidates,
      classes: [
        {
          taskClass: 'agent',
          chosen: candidates[1]?.id,
          model: 'coder',
          ranking: [candidates[1], candidates[0], candidates[2]].map((c) => ranked(c as Candidate)),
          reason: 'best',
          missing: [],
        },
      ],
    }
    const file = toRouterConfig(result, fleet)
    expect(file.upstreams.map((u) => [u.name, u.url, u.models])).toEqual([
      ['box-a', 'http://10.0.0.1:8000/v1', ['coder']],
      ['box-b', 'http://10.0.0.2:8000/v1', ['coder']],
      ['box-c', 'http://10.0.0.3:8000/v1', ['small']],
    ])
    expect(file.routes).toEqual([
      {match: {model: 'coder'}, to: 'coder', fallback: ['small']},
      {match: {model: '*'}, to: 'coder', fallback: ['small']},
    ])
    // The router's own loader accepts it: a bare id is balanced over every upstream serving it.
    expect(() => loadRoutingConfig('/tmp/fleet-pick.yaml', stringify(file))).not.toThrow()
  })

  it('without a fleet, keeps one upstream per endpoint and upstream/model targets', () => {
    const candidates = fleetCandidates([], fleet)
    const result: PickResult = {
      policy: defaultPolicy,
      candidates,
      classes: [
        {
          taskClass: 'agent',
          chosen: candidates[0]?.id,
          model: 'coder',
          ranking: candidates.map((c) => ({candidate: c.id, model: c.model, figures: {}, runIds: []})),
          reason: 'best',
          missing: [],
        },
      ],
    }
    expect(toRouterConfig(result).routes[0]).toEqual({
      match: {model: 'coder'},
      to: 'u1/coder',
      fallback: ['u2/coder', 'u3/small'],
    })
  })
})
