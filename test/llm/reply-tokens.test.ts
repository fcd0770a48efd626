import {afterAll, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {connectModel} from '../../src/llm/ensure-model.js'
import {countTokens} from '../../src/llm/tokenizer.js'
import {startTruthServer, type TruthServer} from '../support/truth-server.js'

// A reply without usage is counted whole, with the engine's own tokenizer where the engine has a /tokenize route
// (vLLM's {model, prompt} form, llama.cpp's {content} form), else with cl100k_base named as an approximation.

const servers: (RunningSim | TruthServer)[] = []
afterAll(async () => {
  for (const s of servers) await s.close()
})

const reply = 'The answer is forty-two, as computed above.'
const noUsage = {mode: 'match' as const, rules: [{reply: {content: reply, usage: false}}]}
const ask = async (url: string, model: string) => {
  const client = await connectModel(url, model, new AbortController().signal, (e) => e)
  return (await client.chat({model, messages: [{role: 'user', content: 'hi'}]})).usage
}

describe('reply tokens without usage', () => {
  it.each([
    ['vllm', "the engine's tokenizer (vLLM /tokenize)"],
    ['llamacpp', "the engine's tokenizer (llama.cpp /tokenize)"],
  ] as const)('%s: counted by the engine /tokenize, named', async (flavor, name) => {
    const sim = await startSim({port: 0, ttftMs: 1, itlMs: 0, flavor}, noUsage)
    servers.push(sim)
    expect(await ask(sim.url, 'sim-model')).toMatchObject({
      estimated: true,
      tokenizer: name,
      completionTokens: countTokens(reply),
    })
  })

  it('an engine without /tokenize: the whole reply with cl100k_base, named as an approximation', async () => {
    const truth = await startTruthServer({noUsage: true, chunk: 1, outTokens: 40, ttftMs: 1, itlMs: 0})
    servers.push(truth)
    const usage = await ask(truth.url, 'truth')
    expect(usage.tokenizer).toMatch(/^cl100k_base \(an approximation/)
    // 40 one-token chunks "x ": about 40 tokens counted whole, not 80 counted chunk by chunk.
    expect(usage.completionTokens).toBeGreaterThanOrEqual(40)
    expect(usage.completionTokens).toBeLessThanOrEqual(41)
  })
})
