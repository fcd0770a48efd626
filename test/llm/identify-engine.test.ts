import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {identifyEngine} from '../../src/llm/identify-engine.js'

// A run benched by URL (`--endpoint`) is labelled with the engine that served it. Real engines are recognised by
// the `owned_by` their model list hard-codes (the bodies below are those engines' /v1/models answers, trimmed);
// oac's simulator imitates those answers, so it must still be labelled `sim`, never the engine it imitates.

let modelList: object = {}
let status = 200
let fake: Server
let fakeUrl = ''
const sims: RunningSim[] = []
beforeAll(async () => {
  fake = createServer((_req, res) => {
    res.writeHead(status, {'content-type': 'application/json'})
    res.end(JSON.stringify(modelList))
  })
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve))
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/v1`
})
afterAll(async () => {
  await new Promise((resolve) => fake.close(resolve))
  await Promise.all(sims.map((s) => s.close()))
})

const list = (...owners: string[]) => ({
  object: 'list',
  data: owners.map((owned_by, i) => ({id: `m${i}`, object: 'model', created: 0, owned_by})),
})

describe('identifyEngine', () => {
  it.each([
    ['vllm', 'vllm'],
    ['sglang', 'sglang'],
    ['llamacpp', 'llamacpp'],
    ['library', 'ollama'],
  ])('reads owned_by "%s" as %s', async (owner, engine) => {
    modelList = list(owner)
    status = 200
    expect(await identifyEngine(fakeUrl)).toBe(engine)
  })

  it('leaves a proxy, an unknown owner, mixed owners or an error unknown', async () => {
    status = 200
    for (const body of [list('oac-router'), list('openai'), list('vllm', 'llamacpp'), list(), {}]) {
      modelList = body
      expect(await identifyEngine(fakeUrl)).toBeUndefined()
    }
    modelList = list('vllm')
    status = 401
    expect(await identifyEngine(fakeUrl)).toBeUndefined()
  })

  it('says nothing for an endpoint that does not answer or is not a URL', async () => {
    expect(await identifyEngine('http://127.0.0.1:9/v1', 2000)).toBeUndefined()
    expect(await identifyEngine('not a url')).toBeUndefined()
  })

  it('labels oac sim as sim whichever engine it imitates', async () => {
    for (const flavor of ['vllm', 'llamacpp', 'ollama'] as const) {
      const sim = await startSim({port: 0, flavor})
      sims.push(sim)
      const listed = (await (await fetch(`${sim.baseUrl}/models`)).json()) as {data: {owned_by: string}[]}
      expect(listed.data[0]?.owned_by).toBe(flavor === 'ollama' ? 'library' : flavor)
      expect(await identifyEngine(sim.baseUrl)).toBe('sim')
    }
  })
})
