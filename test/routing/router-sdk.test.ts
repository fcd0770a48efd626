import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadScript} from '../../src/engines/sim/script.js'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {routingConfigSchema} from '../../src/routing/config.js'
import {type RunningRouter, startRouter} from '../../src/routing/router/server.js'

// The official SDKs through the router to a sim that speaks only Chat Completions: every client API is
// translated both ways, streamed chunk by chunk, with a tool round trip.

const SCRIPT = loadScript(new URL('../../fixtures/routing/tool-turns.yaml', import.meta.url).pathname)
const READ_TOOL = {
  name: 'read_file',
  description: 'Read a file',
  parameters: {type: 'object', properties: {path: {type: 'string'}}, required: ['path']},
}

let sim: RunningSim
let router: RunningRouter
beforeAll(async () => {
  sim = await startSim({port: 0, ttftMs: 2, itlMs: 0, models: ['qwen3-coder'], context: 4096}, SCRIPT)
  const config = routingConfigSchema.parse({
    upstreams: [{name: 'sim', url: sim.baseUrl, models: ['qwen3-coder']}],
    routes: [
      {match: {model: 'claude-*'}, to: 'sim/qwen3-coder'},
      {match: {model: 'gpt-*'}, to: 'sim/qwen3-coder'},
    ],
  })
  router = await startRouter({config, host: '127.0.0.1', port: 0})
})
afterAll(async () => {
  await router.close()
  await sim.close()
})

describe('openai SDK through the router', () => {
  it('streams a chat tool round trip (passthrough)', async () => {
    const openai = new OpenAI({baseURL: router.baseUrl, apiKey: 'x'})
    const tools = [{type: 'function' as const, function: READ_TOOL}]
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{role: 'user', content: 'please read config'}]
    const first = await openai.chat.completions.stream({model: 'gpt-5', messages, tools}).finalMessage()
    const call = first.tool_calls?.[0]
    expect(call?.type === 'function' && call.function).toEqual({
      name: 'read_file',
      arguments: '{"path":"src/config.ts"}',
    })
    messages.push(first, {role: 'tool', tool_call_id: call?.id ?? '', content: 'export const answer = 42'})
    const second = await openai.chat.completions.stream({model: 'gpt-5', messages, tools}).finalMessage()
    expect(second.content).toBe('The answer is 42.')
  })

  it('streams a Responses tool round trip with the events the SDK assembles', async () => {
    const openai = new OpenAI({baseURL: router.baseUrl, apiKey: 'x'})
    const tools = [{type: 'function' as const, strict: false, ...READ_TOOL}]
    const input: OpenAI.Responses.ResponseInput = [{role: 'user', content: 'please read config'}]
    const stream = openai.responses.stream({model: 'gpt-5', input, tools, instructions: 'You are terse.'})
    const types: string[] = []
    for await (const event of stream) types.push(event.type)
    const first = await stream.finalResponse()
    expect(types.slice(0, 2)).toEqual(['response.created', 'response.in_progress'])
    expect(types).toContain('response.output_text.delta')
    expect(types).toContain('response.function_call_arguments.delta')
    expect(types.at(-1)).toBe('response.completed')
    const call = first.output.find((o) => o.type === 'function_call')
    expect(call).toMatchObject({name: 'read_file', arguments: '{"path":"src/config.ts"}'})
    expect(first.output_text).toBe('Reading it.')
    expect(first.usage?.input_tokens).toBeGreaterThan(10)
    input.push(...(first.output as OpenAI.Responses.ResponseInputItem[]), {
      type: 'function_call_output',
      call_id: (call as {call_id: string}).call_id,
      output: 'export const answer = 42',
    })
    const second = await openai.responses.create({model: 'gpt-5', input, tools})
    expect(second.output_text).toBe('The answer is 42.')
    expect(second.status).toBe('completed')
  })

  it('answers an unknown model with a 404 listing the routable models', async () => {
    const openai = new OpenAI({baseURL: router.baseUrl, apiKey: 'x', maxRetries: 0})
    const error = await openai.chat.completions
      .create({model: 'llama', messages: [{role: 'user', content: 'hi'}]})
      .catch((e) => e)
    expect(error).toBeInstanceOf(OpenAI.NotFoundError)
    expect(error.message).toContain('routable models: qwen3-coder')
  })

  it('answers invalid JSON with a 400 in each client format', async () => {
    const post = (path: string) =>
      fetch(`${router.url}${path}`, {method: 'POST', body: '{"model":', headers: {'content-type': 'application/json'}})
    const chat = await post('/v1/chat/completions')
    expect(chat.status).toBe(400)
    expect((await chat.json()).error.message).toMatch(/not valid JSON/)
    const messages = await post('/v1/messages')
    expect(await messages.json()).toMatchObject({type: 'error', error: {type: 'invalid_request_error'}})
  })
})

describe('@anthropic-ai/sdk through the router', () => {
  it('streams thinking, text and tool_use, then answers the tool_result', async () => {
    const anthropic = new Anthropic({baseURL: router.url, apiKey: 'x'})
    const tools = [
      {name: 'read_file', description: 'Read a file', input_schema: READ_TOOL.parameters as Anthropic.Tool.InputSchema},
    ]
    const messages: Anthropic.MessageParam[] = [{role: 'user', content: 'please read config'}]
    const system = [
      {type: 'text' as const, text: 'x-anthropic-billing-header: cc_version=2.1.332; cc_entrypoint=sdk-cli;'},
      {type: 'text' as const, text: 'You are Claude Code.'},
    ]
    const stream = anthropic.messages.stream({model: 'claude-local-coder', max_tokens: 1024, system, messages, tools})
    const deltas: string[] = []
    stream.on('streamEvent', (e) => e.type === 'content_block_delta' && deltas.push(e.delta.type))
    const first = await stream.finalMessage()
    expect(first.content.map((b) => b.type)).toEqual(['thinking', 'text', 'tool_use'])
    expect(first.content[0]).toMatchObject({
      thinking: 'I should read the file.',
      signature: expect.stringMatching(/.+/),
    })
    expect(deltas).toEqual(
      expect.arrayContaining(['thinking_delta', 'signature_delta', 'text_delta', 'input_json_delta']),
    )
    const use = first.content[2] as Anthropic.ToolUseBlock
    expect(use.input).toEqual({path: 'src/config.ts'})
    expect(first.stop_reason).toBe('tool_use')
    expect(first.usage.input_tokens).toBeGreaterThan(10)
    messages.push(
      {role: 'assistant', content: first.content},
      {role: 'user', content: [{type: 'tool_result', tool_use_id: use.id, content: 'export const answer = 42'}]},
    )
    const second = await anthropic.messages.create({model: 'claude-local-coder', max_tokens: 1024, messages, tools})
    expect(second.content).toEqual([{type: 'text', text: 'The answer is 42.'}])
    expect(second.stop_reason).toBe('end_turn')
  })

  it('turns the engine context-length error into "prompt is too long"', async () => {
    const anthropic = new Anthropic({baseURL: router.url, apiKey: 'x', maxRetries: 0})
    const error = await anthropic.messages
      .create({model: 'claude-local-coder', max_tokens: 100, messages: [{role: 'user', content: 'too long'}]})
      .catch((e) => e)
    expect(error).toBeInstanceOf(Anthropic.BadRequestError)
    expect(error.error.error).toMatchObject({
      type: 'invalid_request_error',
      message: expect.stringMatching(/^prompt is too long/),
    })
  })

  it('counts tokens without an upstream call', async () => {
    const anthropic = new Anthropic({baseURL: router.url, apiKey: 'x'})
    const short = await anthropic.messages.countTokens({
      model: 'claude-local-coder',
      messages: [{role: 'user', content: 'hi'}],
    })
    const long = await anthropic.messages.countTokens({
      model: 'claude-local-coder',
      messages: [{role: 'user', content: 'hello world '.repeat(50)}],
    })
    expect(long.input_tokens - short.input_tokens).toBeGreaterThanOrEqual(90)
  })
})
