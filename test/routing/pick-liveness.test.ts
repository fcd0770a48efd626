import {type AddressInfo, createServer} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {FIRST_STEPS} from '../../src/routing/pick/liveness.js'
import {renderPick} from '../../src/routing/pick/render.js'
import {routePick} from '../../src/routing/pick/route-pick.js'
import {Store} from '../../src/store/store.js'

// Route pick decides among endpoints that answer now (issue 26, item 5): after `oac quickstart`, its embedded
// engine's random port stayed registered and became a candidate, and an empty store named no command to run.

const HW = 'hw-test'

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** A complete bench run at concurrency 1, as `oac bench` stores it. */
function benchRun(store: Store, model: string, endpointUrl: string): void {
  const id = store.startRun({kind: 'bench', model, params: {dataset: 'coding'}, endpointUrl, hardwareFingerprint: HW})
  const point = {max_concurrency: 1, completed: 3, median_tpot_ms: 10, median_ttft_ms: 80, p90_ttft_ms: 120}
  store.finishRun(id, 'complete', {runs: [point]})
}

let sim: RunningSim
let dead: string
beforeAll(async () => {
  sim = await startSim({port: 0, ttftMs: 1, itlMs: 0, models: ['coder-30b']})
  dead = `http://127.0.0.1:${await closedPort()}/v1`
})
afterAll(async () => {
  await sim.close()
})

describe('route pick candidates', () => {
  it('an empty store names the commands that would measure, for every class', async () => {
    const result = await routePick({hardwareFingerprint: HW})
    for (const d of result.classes.slice(0, 3)) {
      expect(d.chosen).toBeUndefined()
      expect(d.missing).toEqual(FIRST_STEPS)
    }
    expect(renderPick(result)).toContain('oac bench --endpoint URL --model MODEL --dataset coding --concurrency 1')
  })

  it('only endpoints that answer now; the dead and the moved-on are listed with why', async () => {
    const store = Store.open()
    try {
      store.upsertEndpoint({name: 'quickstart', url: dead, model: 'tiny', contextLength: 8192})
      benchRun(store, 'tiny', dead)
      benchRun(store, 'old-model', sim.baseUrl)
      store.upsertEndpoint({name: 'coder', url: sim.baseUrl, model: 'coder-30b'})
    } finally {
      store.close()
    }
    const result = await routePick({hardwareFingerprint: HW})
    expect(result.candidates.map((c) => c.id)).toEqual([`coder-30b@${sim.baseUrl}`])
    expect(result.unreachable).toEqual([
      {
        candidate: `tiny@${dead}`,
        model: 'tiny',
        endpointUrl: dead,
        reason: `${dead} does not answer (ECONNREFUSED)`,
      },
      {
        candidate: `old-model@${sim.baseUrl}`,
        model: 'old-model',
        endpointUrl: sim.baseUrl,
        reason: `${sim.baseUrl} answers but no longer serves old-model (it serves coder-30b)`,
      },
    ])
    // The live endpoint without runs is a candidate whose missing figures come with the commands to measure them.
    const agent = result.classes.find((d) => d.taskClass === 'agent')
    expect(agent?.ranking.map((r) => [r.model, r.excludedBy])).toEqual([
      ['coder-30b', 'no decode-speed evidence on the whole coding set'],
    ])
    expect(agent?.missing).toContain(
      `oac bench --endpoint ${sim.baseUrl} --model coder-30b --dataset coding --concurrency 1`,
    )
    const text = renderPick(result)
    expect(text).toContain(`  tiny@${dead}: ${dead} does not answer (ECONNREFUSED)`)
    expect(text).not.toMatch(/^agent: tiny/m)
  })
})
