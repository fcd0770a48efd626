import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {LlmError} from '../../src/llm/errors.js'
import {smokeEmbedding} from '../../src/provision/smoke.js'

// The embedding smoke test goes through the same client as every other request (LlmClient.embed).

let sim: RunningSim
beforeAll(async () => {
  sim = await startSim({host: '127.0.0.1', port: 0, models: ['embed-model']})
})
afterAll(async () => {
  await sim.close()
})

describe('smokeEmbedding', () => {
  it('passes when the server returns a vector', async () => {
    const r = await smokeEmbedding(sim.url, 'embed-model')
    expect(r.ok, r.detail).toBe(true)
    expect(r.detail).toMatch(/^a vector of \d+ dimensions$/)
  })

  it('fails with the HTTP status when the server answers with an error', async () => {
    const r = await smokeEmbedding(sim.url, 'no-such-model')
    expect(r.ok).toBe(false)
    expect(r.detail).toMatch(/^HTTP 4\d\d: /)
  })

  it('throws when nothing answers', async () => {
    await expect(smokeEmbedding('http://127.0.0.1:9/v1', 'embed-model', 2000)).rejects.toBeInstanceOf(LlmError)
  })
})
