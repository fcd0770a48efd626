import {describe, expect, it} from 'vitest'
import {loadRoutingConfig, parseTarget} from '../../src/routing/config.js'

const FIXTURE = new URL('../../fixtures/routing/routing.yaml', import.meta.url).pathname

describe('routing config', () => {
  it('reads the shape of the issue with defaults filled in', () => {
    const config = loadRoutingConfig(FIXTURE)
    expect(config.upstreams.map((u) => [u.name, u.apis, u.healthPath])).toEqual([
      ['primary', ['chat'], '/health'],
      ['fast', ['chat'], '/health'],
    ])
    expect(config.routes[0]).toEqual({
      match: {model: 'claude-*haiku*'},
      to: 'fast/qwen2.5-coder-7b',
      fallback: [],
      overflow: [],
    })
    expect(config.settings.firstByteTimeoutMs).toBe(30_000)
  })

  it('splits targets on an upstream name only', () => {
    const ups = [{name: 'primary'}]
    expect(parseTarget('primary/m', ups)).toEqual({upstream: 'primary', model: 'm'})
    expect(parseTarget('Qwen/Qwen3-Coder', ups)).toEqual({model: 'Qwen/Qwen3-Coder'})
  })

  it('names file, line and expected shape for a wrong field', () => {
    const text = 'upstreams:\n  - name: a\n    url: http://127.0.0.1:1/v1\n    models: qwen\n'
    expect(() => loadRoutingConfig('r.yaml', text)).toThrow(/^r\.yaml:4: `upstreams\.0\.models`: .*array/)
  })

  it('names the line of a target no upstream serves, listing what is served', () => {
    const text = 'upstreams:\n  - name: a\n    url: http://127.0.0.1:1/v1\n    models: [m1]\nroutes:\n  - to: a/m2\n'
    expect(() => loadRoutingConfig('r.yaml', text)).toThrow(
      'r.yaml:6: `routes.0.to`: no upstream serves `a/m2` (expected upstream/model, one of: a/m1)',
    )
  })

  it('reports invalid YAML with its line', () => {
    expect(() => loadRoutingConfig('r.yaml', 'upstreams:\n  - name: [a\n')).toThrow(/^r\.yaml:\d+: invalid YAML/)
  })
})
