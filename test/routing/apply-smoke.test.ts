import {type AddressInfo, createServer} from 'node:net'
import {describe, expect, it} from 'vitest'
import {startSim} from '../../src/engines/sim.js'
import {smokeRouter} from '../../src/routing/apply/smoke.js'
import {routingConfigSchema} from '../../src/routing/config.js'
import {startRouter} from '../../src/routing/router/server.js'

// `oac route apply` checks every API its clients speak through the router; a failure names the request, where it
// went and what came back (issue 26, item 5: it used to say only "fetch failed" when the router was down).

const models = {agent: {name: 'm'}, embeddings: {name: 'nomic-embed'}}
const clients = ['claude-code', 'codex', 'opencode'] as const

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('smoke checks through the router', () => {
  it('with no router: each API names its URL and that nothing listens there', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`
    const results = await smokeRouter(url, 'k', clients, models, 5_000)
    expect(results.map((r) => [r.api, r.ok])).toEqual([
      ['messages', false],
      ['responses', false],
      ['chat', false],
      ['embeddings', false],
    ])
    for (const [r, path] of results.map(
      (r, i) => [r, ['messages', 'responses', 'chat/completions', 'embeddings'][i]] as const,
    ))
      expect(r.error).toBe(
        `POST ${url}/v1/${path}: connection refused (ECONNREFUSED): nothing listens at ${url}; is the router running?`,
      )
  })

  it("with the router up and its engine gone: each API gets the router's own reason", async () => {
    const sim = await startSim({port: 0, ttftMs: 1, itlMs: 0, models: ['m', 'nomic-embed']})
    const router = await startRouter({
      config: routingConfigSchema.parse({upstreams: [{name: 'sim', url: sim.baseUrl, models: ['m', 'nomic-embed']}]}),
      host: '127.0.0.1',
      port: 0,
    })
    try {
      expect((await smokeRouter(router.url, 'k', clients, models)).every((r) => r.ok)).toBe(true)
      await sim.close()
      const results = await smokeRouter(router.url, 'k', clients, models)
      for (const r of results)
        expect(r.error).toMatch(
          /^POST http:\/\/127\.0\.0\.1:\d+\/v1\/\S+: HTTP 503: no upstream could answer `(m|nomic-embed)`: sim: /,
        )
    } finally {
      await router.close()
    }
  })
})
