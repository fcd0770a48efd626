import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadScript} from '../../src/engines/sim/script.js'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {countPromptTokens} from '../../src/llm/prompt-tokens.js'

const SCRIPT = new URL('../../fixtures/sim/coding-turns.yaml', import.meta.url).pathname
const WEATHER_TOOL = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather of a city',
    parameters: {type: 'object', properties: {city: {type: 'string'}, unit: {type: 'string'}}, required: ['city']},
  },
}

let sim: RunningSim
let scripted: RunningSim
beforeAll(async () => {
  sim = await startSim({port: 0, ttftMs: 5, itlMs: 1, context: 2048, models: ['sim-model', 'other-model']})
  scripted = await startSim({port: 0, ttftMs: 5, itlMs: 1, script: SCRIPT})
})
afterAll(async () => {
  await sim.close()
  await scripted.close()
})

describe('oac sim with the openai SDK', () => {
  it('streams content with a usage chunk that counts the prompt like the client does', async () => {
    const openai = new OpenAI({baseURL: sim.baseUrl, apiKey: 'x'})
    const messages = [{role: 'user' as const, content: 'Write a function that parses a config file.'}]
    const stream = await openai.chat.completions.create({
      model: 'sim-model',
      messages,
      max_tokens: 12,
      stream: true,
      stream_options: {include_usage: true},
    })
    let text = ''
    let usage: OpenAI.CompletionUsage | undefined
    let finish: string | null = null
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? ''
      finish = chunk.choices[0]?.finish_reason ?? finish
      usage = chunk.usage ?? usage
    }
    expect(text.length).toBeGreaterThan(20)
    expect(finish).toBe('length')
    expect(usage).toEqual({
      prompt_tokens: countPromptTokens(messages),
      completion_tokens: 12,
      total_tokens: countPromptTokens(messages) + 12,
    })
  })

  it('streams two native tool calls that the SDK assembles', async () => {
    const openai = new OpenAI({baseURL: scripted.baseUrl, apiKey: 'x'})
    const stream = openai.chat.completions.stream({
      model: 'sim-model',
      messages: [{role: 'user', content: 'weather in Paris and Tokyo?'}],
      tools: [WEATHER_TOOL],
    })
    const final = await stream.finalChatCompletion()
    const message = final.choices[0]?.message
    expect(message?.content).toBe('Let me check.')
    expect(final.choices[0]?.finish_reason).toBe('tool_calls')
    expect(
      message?.tool_calls?.map((c) =>
        c.type === 'function' ? [c.function.name, JSON.parse(c.function.arguments)] : [],
      ),
    ).toEqual([
      ['get_weather', {city: 'Paris', unit: 'celsius'}],
      ['get_weather', {city: 'Tokyo'}],
    ])
  })

  it('answers non-streamed requests, completions, models, embeddings, health and metrics', async () => {
    const openai = new OpenAI({baseURL: sim.baseUrl, apiKey: 'x'})
    const chat = await openai.chat.completions.create({
      model: 'other-model',
      messages: [{role: 'user', content: 'hi'}],
      max_tokens: 4,
    })
    expect(chat.usage?.completion_tokens).toBe(4)
    expect(chat.model).toBe('other-model')
    const completion = await openai.completions.create({model: 'sim-model', prompt: 'def add(a, b):', max_tokens: 3})
    expect(completion.usage?.prompt_tokens).toBe(6)
    const models = await openai.models.list()
    expect(models.data.map((m) => [m.id, (m as {max_model_len?: number}).max_model_len])).toEqual([
      ['sim-model', 2048],
      ['other-model', 2048],
    ])
    const emb = await openai.embeddings.create({
      model: 'sim-model',
      input: ['parse the config file', 'parsing a config file', 'bake a chocolate cake'],
    })
    const [a, b, c] = emb.data.map((d) => d.embedding)
    const cos = (x: number[] = [], y: number[] = []) => x.reduce((s, v, i) => s + v * (y[i] ?? 0), 0)
    expect(cos(a, b)).toBeGreaterThan(0.5)
    expect(cos(a, c)).toBeLessThan(0.2)
    expect(a).toHaveLength(768)
    // Identifiers share their word pieces with prose, and `dimensions` shortens (and renormalizes) like OpenAI's.
    const short = await openai.embeddings.create({
      model: 'sim-model',
      input: ['loadConfigFile', 'load the config file', 'bake a chocolate cake <|im_start|>'],
      dimensions: 256,
    })
    const [d, e, f] = short.data.map((x) => x.embedding)
    expect(d).toHaveLength(256)
    expect(cos(d, d)).toBeCloseTo(1, 5)
    expect(cos(d, e)).toBeGreaterThan(cos(d, f) + 0.3)
    expect(await (await fetch(`${sim.url}/health`)).json()).toEqual({status: 'ok'})
    const metrics = await (await fetch(`${sim.url}/metrics`)).text()
    expect(metrics).toMatch(/^vllm:num_requests_running\{model_name="sim-model"\} 0$/m)
    expect(metrics).toMatch(/^vllm:time_to_first_token_seconds_count\{model_name="sim-model"\} [1-9]/m)
    expect(metrics).toMatch(/^vllm:generation_tokens_total\{model_name="sim-model"\} [1-9]/m)
  })

  it("rejects a prompt over the context with vLLM's wording", async () => {
    const openai = new OpenAI({baseURL: sim.baseUrl, apiKey: 'x'})
    const long = 'word '.repeat(3000)
    const error = await openai.chat.completions
      .create({model: 'sim-model', messages: [{role: 'user', content: long}], max_tokens: 10})
      .catch((e) => e)
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error.message).toMatch(
      /This model's maximum context length is 2048 tokens\. However, your request has \d+ input tokens\. Please reduce the length of the input messages\./,
    )
  })

  it('names an unknown model and the served ones', async () => {
    const openai = new OpenAI({baseURL: sim.baseUrl, apiKey: 'x'})
    const error = await openai.chat.completions
      .create({model: 'gpt-9', messages: [{role: 'user', content: 'x'}]})
      .catch((e) => e)
    expect(error.status).toBe(404)
    expect(error.message).toContain('Served models: sim-model, other-model')
  })

  it('answers a request no rule matches with a 400 that names it', async () => {
    const openai = new OpenAI({baseURL: scripted.baseUrl, apiKey: 'x'})
    const error = await openai.chat.completions
      .create({model: 'sim-model', messages: [{role: 'user', content: 'something unscripted'}]})
      .catch((e) => e)
    expect(error.status).toBe(400)
    expect(error.message).toContain('no script rule matches this /v1/chat/completions request')
    expect(error.message).toContain('something unscripted')
  })
})

describe('oac sim with the @anthropic-ai/sdk', () => {
  it('streams text and tool_use blocks with input_json_delta', async () => {
    const anthropic = new Anthropic({baseURL: scripted.url, apiKey: 'x'})
    const stream = anthropic.messages.stream({
      model: 'sim-model',
      max_tokens: 256,
      messages: [{role: 'user', content: 'weather in Paris and Tokyo?'}],
      tools: [
        {
          name: 'get_weather',
          description: 'Weather',
          input_schema: {type: 'object', properties: {city: {type: 'string'}}},
        },
      ],
    })
    const types: string[] = []
    stream.on('streamEvent', (e) => types.push(e.type))
    const message = await stream.finalMessage()
    expect(message.stop_reason).toBe('tool_use')
    expect(
      message.content.map((b) => (b.type === 'text' ? b.text : b.type === 'tool_use' ? [b.name, b.input] : b.type)),
    ).toEqual(['Let me check.', ['get_weather', {city: 'Paris', unit: 'celsius'}], ['get_weather', {city: 'Tokyo'}]])
    expect(types[0]).toBe('message_start')
    expect(types).toContain('content_block_delta')
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop'])
    expect(message.usage.input_tokens).toBeGreaterThan(10)
  })

  it('matches tool results sent back as tool_result blocks, non-streamed', async () => {
    const anthropic = new Anthropic({baseURL: scripted.url, apiKey: 'x'})
    const message = await anthropic.messages.create({
      model: 'sim-model',
      max_tokens: 100,
      messages: [
        {role: 'user', content: 'weather?'},
        {role: 'assistant', content: [{type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {city: 'Paris'}}]},
        {role: 'user', content: [{type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C, sunny'}]},
      ],
    })
    expect(message.content).toEqual([{type: 'text', text: 'It is 18°C in Paris and 22°C in Tokyo.'}])
    expect(message.stop_reason).toBe('end_turn')
  })
})

describe('sim scripts and options', () => {
  it('names the file and line of a bad script', () => {
    const broken = new URL('../../fixtures/sim/broken.yaml', import.meta.url).pathname
    expect(() => loadScript(broken)).toThrow(/broken\.yaml:5: `rules\.0\.reply\.toolCalls`/)
  })

  it('front-truncates silently with --truncate, reporting the kept prompt tokens (Ollama)', async () => {
    const ollama = await startSim({port: 0, ttftMs: 1, itlMs: 0, context: 1024, truncate: true})
    try {
      const openai = new OpenAI({baseURL: ollama.baseUrl, apiKey: 'x'})
      const r = await openai.chat.completions.create({
        model: 'sim-model',
        messages: [{role: 'user', content: 'word '.repeat(3000)}],
        max_tokens: 8,
      })
      expect(r.usage?.prompt_tokens).toBeLessThanOrEqual(1024 - 8)
      expect(r.usage?.completion_tokens).toBe(8)
    } finally {
      await ollama.close()
    }
  })

  it('queues sequences beyond --max-seqs, and the wait shows in TTFT', async () => {
    const small = await startSim({port: 0, ttftMs: 20, itlMs: 5, maxSeqs: 2})
    try {
      const openai = new OpenAI({baseURL: small.baseUrl, apiKey: 'x'})
      const timeToFirst = async () => {
        const start = performance.now()
        const stream = await openai.chat.completions.create({
          model: 'sim-model',
          messages: [{role: 'user', content: 'x'}],
          max_tokens: 20,
          stream: true,
        })
        let first = 0
        for await (const c of stream) if (!first && c.choices[0]?.delta.content) first = performance.now() - start
        return first
      }
      await timeToFirst()
      const ttfts = (await Promise.all([timeToFirst(), timeToFirst(), timeToFirst(), timeToFirst()])).sort(
        (a, b) => a - b,
      )
      // Two run at once (~20 ms); the other two wait for a slot (~20 + 19 × 5 ms) before their own 20 ms.
      expect(ttfts[1]).toBeLessThan(70)
      expect(ttfts[2]).toBeGreaterThan(110)
    } finally {
      await small.close()
    }
  })
})
