import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'

// What real clients need from `oac sim` to take it for vLLM: the Responses API (Codex), count_tokens, a realistic
// context and vLLM's context-length wording, Anthropic thinking with signatures and toolu_ ids, a system message
// after the user turn, and a request log for writing scripts.

const dir = mkdtempSync(join(tmpdir(), 'oac-sim-clients-'))
const log = join(dir, 'requests.jsonl')
let sim: RunningSim
beforeAll(async () => {
  sim = await startSim(
    {port: 0, ttftMs: 1, itlMs: 0, log},
    {
      mode: 'match',
      rules: [
        {match: {toolResult: 'README'}, reply: {content: 'There is a README.'}},
        {
          match: {lastUser: '^list files'},
          reply: {reasoning: 'Use ls.', toolCalls: [{name: 'shell', arguments: {command: ['ls']}}]},
        },
        {match: {last: '^env block'}, reply: {content: 'wrong: matched the system message'}},
        {match: {lastUser: '^hello'}, reply: {content: 'Hi there.'}},
      ],
    },
  )
})
afterAll(async () => {
  await sim.close()
  rmSync(dir, {recursive: true, force: true})
})

const SHELL = {
  type: 'function' as const,
  name: 'shell',
  description: 'Run a command',
  strict: false,
  parameters: {type: 'object', properties: {command: {type: 'array', items: {type: 'string'}}}},
}

describe('oac sim Responses API', () => {
  it('streams reasoning, a function call and completes with usage; takes the call output back', async () => {
    const openai = new OpenAI({baseURL: sim.baseUrl, apiKey: 'x'})
    const input: OpenAI.Responses.ResponseInput = [{role: 'user', content: 'list files'}]
    const stream = openai.responses.stream({model: 'sim-model', input, tools: [SHELL]})
    const types: string[] = []
    for await (const e of stream) types.push(e.type)
    const first = await stream.finalResponse()
    expect(types).toEqual(
      expect.arrayContaining([
        'response.created',
        'response.output_item.added',
        'response.function_call_arguments.delta',
        'response.function_call_arguments.done',
        'response.output_item.done',
        'response.completed',
      ]),
    )
    expect(first.output.map((o) => o.type)).toEqual(['reasoning', 'function_call'])
    const call = first.output[1] as OpenAI.Responses.ResponseFunctionToolCall
    expect(JSON.parse(call.arguments)).toEqual({command: ['ls']})
    expect(first.usage?.output_tokens).toBeGreaterThan(3)
    input.push(call, {type: 'function_call_output', call_id: call.call_id, output: 'README.md\nsrc'})
    const second = await openai.responses.create({model: 'sim-model', input, tools: [SHELL]})
    expect(second.output_text).toBe('There is a README.')
  })
})

describe('oac sim for Anthropic clients', () => {
  const anthropic = () => new Anthropic({baseURL: sim.url, apiKey: 'x'})

  it('streams thinking with a signature_delta and a toolu_ id when thinking is on, none when off', async () => {
    const tools = [{name: 'shell', input_schema: {type: 'object' as const, properties: {}}}]
    const messages: Anthropic.MessageParam[] = [{role: 'user', content: 'list files'}]
    const stream = anthropic().messages.stream({
      model: 'sim-model',
      max_tokens: 32000,
      thinking: {type: 'enabled', budget_tokens: 1024},
      messages,
      tools,
    })
    const deltas: string[] = []
    stream.on('streamEvent', (e) => e.type === 'content_block_delta' && deltas.push(e.delta.type))
    const reply = await stream.finalMessage()
    expect(deltas).toContain('signature_delta')
    expect(reply.content[0]).toMatchObject({
      type: 'thinking',
      thinking: 'Use ls.',
      signature: expect.stringMatching(/.+/),
    })
    expect(reply.content[1]).toMatchObject({type: 'tool_use', id: expect.stringMatching(/^toolu_01[A-Za-z0-9]{22}$/)})
    const off = await anthropic().messages.create({
      model: 'sim-model',
      max_tokens: 100,
      thinking: {type: 'disabled'},
      messages,
      tools,
    })
    expect(off.content.map((b) => b.type)).toEqual(['tool_use'])
  })

  it('keeps a system message after the user turn as system, so scripts match the user text', async () => {
    const openai = new OpenAI({baseURL: sim.baseUrl, apiKey: 'x'})
    const reply = await openai.chat.completions.create({
      model: 'sim-model',
      messages: [
        {role: 'user', content: 'hello'},
        {role: 'system', content: 'env block: cwd=/tmp'},
      ],
    })
    expect(reply.choices[0]?.message.content).toBe('Hi there.')
  })

  it('counts tokens the way usage counts them', async () => {
    const messages: Anthropic.MessageParam[] = [{role: 'user', content: 'hello'}]
    const counted = await anthropic().messages.countTokens({model: 'sim-model', messages})
    const reply = await anthropic().messages.create({model: 'sim-model', max_tokens: 50, messages})
    expect(counted.input_tokens).toBe(reply.usage.input_tokens)
  })

  it("fits a client's 32,000-token output request by default, and words an overflow as current vLLM", async () => {
    const openai = new OpenAI({baseURL: sim.baseUrl, apiKey: 'x'})
    const ok = await openai.chat.completions.create({
      model: 'sim-model',
      max_tokens: 32000,
      messages: [{role: 'user', content: 'hello'}],
    })
    expect(ok.choices[0]?.message.content).toBe('Hi there.')
    const error = await openai.chat.completions
      .create({model: 'sim-model', max_tokens: 262140, messages: [{role: 'user', content: 'hello'}]})
      .catch((e) => e)
    expect(error.message).toMatch(
      /^400 'max_tokens' or 'max_completion_tokens' is too large: 262140\. This model's maximum context length is 262144 tokens and your request has \d+ input tokens \(262140 > 262144 - \d+\)\.$/,
    )
  })

  it('logs each request as JSONL with what scripts match on', () => {
    const lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.length).toBeGreaterThanOrEqual(6)
    expect(lines[0]).toMatchObject({
      route: '/v1/responses',
      model: 'sim-model',
      matched: true,
      lastUser: 'list files',
      tools: ['shell'],
    })
    expect(lines.some((l) => l.route === '/v1/messages' && l.hasTools === true)).toBe(true)
  })
})
