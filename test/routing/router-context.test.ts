import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import {afterEach, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {routingConfigSchema} from '../../src/routing/config.js'
import {errorBody} from '../../src/routing/router/client-errors.js'
import {parseContextOverflow} from '../../src/routing/router/context-fit.js'
import {type RunningRouter, startRouter} from '../../src/routing/router/server.js'

// Requests kept inside the upstream's context (issue 26, item 1): Claude Code asks 32,000 tokens of reply; a 32k
// engine refuses that, and the router used to tell Claude Code "prompt is too long" for it (it compacted a
// one-message conversation and exited). Now the reply budget is lowered to what fits, from the context the engine
// lists, or from the exact numbers of its refusal; what cannot fit is told as the error the client acts on.

const VLLM_OUTPUT =
  "'max_tokens' or 'max_completion_tokens' is too large: 32000. This model's maximum context length is 32768 tokens and your request has 1200 input tokens (32000 > 32768 - 1200)."
const VLLM_PROMPT =
  "This model's maximum context length is 32768 tokens. However, your request has 40000 input tokens. Please reduce the length of the input messages."

describe('context refusals read', () => {
  it('tells "output too large" from "prompt too long" in the wordings of vLLM, SGLang and llama.cpp', () => {
    expect(parseContextOverflow(VLLM_OUTPUT)).toEqual({kind: 'output', context: 32768, prompt: 1200, completion: 32000})
    expect(parseContextOverflow(VLLM_PROMPT)).toEqual({kind: 'prompt', context: 32768, prompt: 40000})
    expect(
      parseContextOverflow(
        "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens (1000 in the messages, 8000 in the completion). Please reduce the length of the messages or completion.",
      ),
    ).toEqual({kind: 'output', context: 8192, prompt: 1000, completion: 8000})
    expect(
      parseContextOverflow(
        "Requested token count exceeds the model's maximum context length of 8192 tokens. You requested a total of 9000 tokens: 1000 tokens from the input messages and 8000 tokens for the completion.",
      ),
    ).toEqual({kind: 'output', context: 8192, prompt: 1000, completion: 8000})
    expect(parseContextOverflow('the request exceeds the available context size, try increasing it')).toEqual({
      kind: 'prompt',
    })
    expect(parseContextOverflow('temperature must be at most 2')).toBeUndefined()
  })

  it('maps each to the error the client acts on', () => {
    expect(errorBody('messages', 400, VLLM_OUTPUT)).toEqual({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message:
          'input length and `max_tokens` exceed context limit: 1200 + 32000 > 32768, decrease input length or `max_tokens` and try again',
      },
    })
    expect(errorBody('messages', 400, VLLM_PROMPT)).toMatchObject({
      error: {message: 'prompt is too long: 40000 tokens > 32768 maximum'},
    })
    expect(errorBody('responses', 400, VLLM_PROMPT)).toMatchObject({error: {code: 'context_length_exceeded'}})
    expect(errorBody('responses', 400, VLLM_OUTPUT)).toMatchObject({
      error: {code: null, param: 'max_output_tokens', type: 'invalid_request_error'},
    })
  })
})

const open: {close(): Promise<void>}[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
})

async function setup(flavor: 'vllm' | 'ollama') {
  const sim: RunningSim = await startSim({port: 0, ttftMs: 1, itlMs: 0, models: ['m'], context: 4096, flavor})
  open.push(sim)
  const router: RunningRouter = await startRouter({
    config: routingConfigSchema.parse({
      upstreams: [{name: 'sim', url: sim.baseUrl, models: ['m']}],
      settings: {healthIntervalMs: 60_000},
    }),
    host: '127.0.0.1',
    port: 0,
  })
  open.unshift(router)
  await router.checkHealth()
  return {sim, router, anthropic: new Anthropic({baseURL: router.url, apiKey: 'x', maxRetries: 0})}
}

const words = (n: number) => 'word '.repeat(n).trim()

describe('requests kept inside the context', () => {
  it('lowers max_tokens to the context the engine lists, and lists it in /v1/models', async () => {
    const {router} = await setup('vllm')
    const models = (await (await fetch(`${router.baseUrl}/models`)).json()) as {data: {id: string}[]}
    expect(models.data).toEqual([expect.objectContaining({id: 'm', max_model_len: 4096})])
    const body = JSON.stringify({model: 'm', max_tokens: 32_000, messages: [{role: 'user', content: 'hi'}]})
    const res = await fetch(`${router.url}/v1/messages`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body,
    })
    expect(res.status).toBe(200)
    const reply = (await res.json()) as {usage: {output_tokens: number}; stop_reason: string}
    // The reply ran to the room left by the router's estimate of the prompt (request bytes / 4).
    expect(reply.usage.output_tokens).toBe(4096 - Math.ceil(Buffer.byteLength(body) / 4))
    expect(reply.stop_reason).toBe('max_tokens')
  })

  it("retries once with the room the engine's refusal states when it lists no context, and learns it", async () => {
    const {router, anthropic} = await setup('ollama')
    const reply = await anthropic.messages
      .stream({model: 'm', max_tokens: 32_000, messages: [{role: 'user', content: words(500)}]})
      .finalMessage()
    expect(reply.stop_reason).toBe('max_tokens')
    const used = reply.usage.input_tokens + reply.usage.output_tokens
    expect(used).toBe(4096)
    const health = (await (await fetch(`${router.url}/health`)).json()) as {upstreams: {context: unknown}[]}
    expect(health.upstreams[0]?.context).toEqual({m: 4096})
  })

  it('a prompt that leaves no room for a reply is "prompt is too long" (Claude Code compacts on it)', async () => {
    const {anthropic, router} = await setup('ollama')
    const tooLong = await anthropic.messages
      .create({model: 'm', max_tokens: 8192, messages: [{role: 'user', content: words(3500)}]})
      .catch((e) => e)
    expect(tooLong).toBeInstanceOf(Anthropic.BadRequestError)
    expect(tooLong.error.error.message).toMatch(/^prompt is too long: \d+ tokens > 3072 maximum$/)
    const openai = new OpenAI({baseURL: router.baseUrl, apiKey: 'x', maxRetries: 0})
    const codex = await openai.responses
      .create({model: 'm', max_output_tokens: 8192, input: words(5000)})
      .catch((e) => e)
    expect(codex).toBeInstanceOf(OpenAI.BadRequestError)
    expect(codex.code).toBe('context_length_exceeded')
  })
})
