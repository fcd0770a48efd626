import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {LlmClient} from '../../src/llm/client.js'
import type {ChatResult} from '../../src/llm/types.js'
import {settle} from '../support/settle.js'
import {startSimProcess} from '../support/sim-process.js'

// The client's timing is only as good as its stamps: against `oac sim --ttft-ms 150 --itl-ms 12` in its own
// process, the client-side mean TTFT and TPOT over 32 requests must land within 3% of the settings.

const user = (content: string) => [{role: 'user' as const, content}]
const ttft = (r: ChatResult) => (r.timing.firstTokenAt ?? Number.NaN) - r.timing.start
const tpot = (r: ChatResult) =>
  (r.timing.firstTokenAt === undefined ? Number.NaN : r.timing.end - r.timing.firstTokenAt) /
  (r.usage.completionTokens - 1)
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

describe('stream timing against oac sim --ttft-ms 150 --itl-ms 12', () => {
  let sim: Awaited<ReturnType<typeof startSimProcess>>
  beforeAll(async () => {
    sim = await startSimProcess(['--ttft-ms', '150', '--itl-ms', '12'])
  }, 30_000)
  afterAll(async () => {
    expect(await sim.stop()).toBe(0)
  })

  async function measure(concurrency: number): Promise<{ttft: number; tpot: number}> {
    const c = new LlmClient(sim.baseUrl)
    // Open the connections and warm the JIT first: the figures are about the engine, not TCP handshakes.
    for (let round = 0; round < 3; round++)
      await Promise.all(
        Array.from({length: concurrency}, () => c.chat({model: 'sim-model', messages: user('warm up'), maxTokens: 24})),
      )
    const results: ChatResult[] = []
    let next = 0
    const worker = async () => {
      while (next < 32) {
        next++
        results.push(await c.chat({model: 'sim-model', messages: user('Explain this function.'), maxTokens: 24}))
      }
    }
    await Promise.all(Array.from({length: concurrency}, worker))
    expect(results).toHaveLength(32)
    for (const r of results) expect(r.usage).toMatchObject({completionTokens: 24, estimated: false})
    return {ttft: mean(results.map(ttft)), tpot: mean(results.map(tpot))}
  }

  const within = (value: number, target: number) => Math.abs(value - target) / target < 0.03

  it.each([1, 16])(
    'measures TTFT and TPOT within three percent at concurrency %i',
    async (concurrency) => {
      const m = await settle(
        `concurrency ${concurrency}`,
        () => measure(concurrency),
        (x) => within(x.ttft, 150) && within(x.tpot, 12),
      )
      expect(Math.abs(m.ttft - 150) / 150).toBeLessThan(0.03)
      expect(Math.abs(m.tpot - 12) / 12).toBeLessThan(0.03)
    },
    90_000,
  )
})
