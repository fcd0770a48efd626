import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {SIM_EMBEDDING_DIM} from '../../src/engines/sim/embeddings.js'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {LlmClient} from '../../src/llm/client.js'
import {openAiBaseUrl} from '../../src/llm/endpoint.js'
import type {LlmError} from '../../src/llm/errors.js'
import {detectTruncation, probeEngine} from '../../src/llm/probe.js'
import {countPromptTokens} from '../../src/llm/prompt-tokens.js'
import {parseTextToolCalls} from '../../src/llm/text-tool-calls/index.js'
import {checkToolArguments} from '../../src/llm/tool-args.js'
import type {ToolSpec} from '../../src/llm/types.js'

const SCRIPT = new URL('../../fixtures/sim/coding-turns.yaml', import.meta.url).pathname
const READ_TOOL: ToolSpec = {
  type: 'function',
  function: {
    name: 'read',
    description: 'Read a file',
    parameters: {
      type: 'object',
      properties: {path: {type: 'string'}, limit: {type: 'integer'}},
      required: ['path'],
      additionalProperties: false,
    },
  },
}
const user = (content: string) => [{role: 'user' as const, content}]

let scripted: RunningSim
let client: LlmClient
beforeAll(async () => {
  scripted = await startSim({port: 0, ttftMs: 2, itlMs: 1, script: SCRIPT})
  client = new LlmClient(scripted.url)
})
afterAll(() => scripted.close())

describe('LlmClient', () => {
  it('accepts endpoints with or without /v1 and rejects what is not a URL', () => {
    expect(openAiBaseUrl('http://127.0.0.1:8000')).toBe('http://127.0.0.1:8000/v1')
    expect(openAiBaseUrl('http://127.0.0.1:8000/v1/')).toBe('http://127.0.0.1:8000/v1')
    expect(() => openAiBaseUrl('localhost:8000')).toThrow('Expected an http(s) endpoint URL')
  })

  it('assembles native tool calls and stamps every chunk', async () => {
    const r = await client.chat({model: 'sim-model', messages: user('weather in Paris?'), tools: [READ_TOOL]})
    expect(r.finishReason).toBe('tool_calls')
    expect(r.toolCalls.map((c) => [c.name, JSON.parse(c.arguments)])).toEqual([
      ['get_weather', {city: 'Paris', unit: 'celsius'}],
      ['get_weather', {city: 'Tokyo'}],
    ])
    expect(r.toolCalls[0]?.id).toMatch(/^call_/)
    expect(r.timing.chunks.length).toBeGreaterThan(5)
    expect(r.timing.chunks.every((c, i, all) => c.kind === 'content' && (i === 0 || c.t >= (all[i - 1]?.t ?? 0)))).toBe(
      true,
    )
  })

  it('lists models, embeds and completes through the same client', async () => {
    const plain = await startSim({port: 0, ttftMs: 1, itlMs: 0, context: 4096})
    try {
      const c = new LlmClient(plain.baseUrl)
      expect((await c.models()).map((m) => [m.id, m.max_model_len])).toEqual([['sim-model', 4096]])
      const [a, b] = await c.embed('sim-model', ['read the config file', 'read the config files'])
      expect(a).toHaveLength(SIM_EMBEDDING_DIM)
      expect(a?.reduce((s, v, i) => s + v * (b?.[i] ?? 0), 0)).toBeGreaterThan(0.6)
      const done = await c.complete('sim-model', 'def add(a, b):', 5)
      expect(done.usage?.completion_tokens).toBe(5)
      expect(done.text.length).toBeGreaterThan(5)
      const once = await c.chatOnce({model: 'sim-model', messages: user('hello'), maxTokens: 3})
      expect(once).toMatchObject({finishReason: 'length', usage: {completionTokens: 3, estimated: false}})
    } finally {
      await plain.close()
    }
  })

  it('keeps reasoning apart from the answer', async () => {
    const r = await client.chat({model: 'sim-model', messages: user('think briefly')})
    expect(r).toMatchObject({content: 'Short answer.', reasoning: 'The user wants a short answer.'})
  })

  it('passes on reasoning before the answer when one chunk carries both (vLLM does this)', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, {'content-type': 'text/event-stream'})
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({id: 'r', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{index: 0, delta, finish_reason: finish}]})}\n\n`
      res.end(
        `${chunk({reasoning_content: 'Think.'}, null)}${chunk({reasoning_content: ' Done.', content: 'The'}, null)}${chunk({content: ' answer.'}, 'stop')}data: [DONE]\n\n`,
      )
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const seen: string[] = []
      const c = new LlmClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`)
      const r = await c.chat({model: 'm', messages: user('hi')}, (d) =>
        seen.push(d.reasoning ? `r:${d.reasoning}` : `c:${d.content}`),
      )
      expect(seen).toEqual(['r:Think.', 'r: Done.', 'c:The', 'c: answer.'])
      expect(r).toMatchObject({content: 'The answer.', reasoning: 'Think. Done.'})
    } finally {
      server.close()
    }
  })

  it('flags usage as estimated when the server sends none', async () => {
    const messages = user('no usage please')
    const r = await client.chat({model: 'sim-model', messages})
    expect(r.usage).toEqual({
      promptTokens: countPromptTokens(messages),
      completionTokens: expect.any(Number),
      estimated: true,
      tokenizer: expect.stringMatching(/^cl100k_base \(an approximation/),
    })
    expect(r.usage.completionTokens).toBeGreaterThan(3)
  })

  it.each([
    ['hermes please', [['read', {path: 'src/app.ts'}]]],
    ['qwen3 please', [['edit', {path: 'src/range.ts', old_string: 'i <= n', new_string: 'i < n'}]]],
    [
      'mistral please',
      [
        ['read', {path: 'a.ts'}],
        ['read', {path: 'b.ts'}],
      ],
    ],
    ['json please', [['bash', {command: 'npm test'}]]],
    ['glm please', [['grep', {pattern: 'TODO', max_results: 20}]]],
  ])('parses tool calls printed as text end to end: %s', async (prompt, expected) => {
    const r = await client.chat({model: 'sim-model', messages: user(prompt)})
    expect(r.toolCalls).toEqual([])
    const parsed = parseTextToolCalls(r.content)
    expect(parsed.toolCalls.map((c) => [c.name, JSON.parse(c.arguments)])).toEqual(expected)
  })

  it('turns invalid arguments into the schema error a model can act on', async () => {
    const r = await client.chat({model: 'sim-model', messages: user('bad args'), tools: [READ_TOOL]})
    const call = r.toolCalls[0]
    expect(call).toBeDefined()
    const checked = checkToolArguments(call?.arguments ?? '', READ_TOOL, 'read')
    expect(checked).toMatchObject({ok: false, stage: 'schema'})
    if (!checked.ok)
      expect(checked.error).toMatch(
        /^Invalid arguments for `read`: parameter `path`: expected string; parameter `limit`: expected integer/,
      )
    const unknown = await client.chat({model: 'sim-model', messages: user('unknown tool'), tools: [READ_TOOL]})
    expect(checkToolArguments('{}', undefined, unknown.toolCalls[0]?.name ?? '', ['read'])).toEqual({
      ok: false,
      stage: 'unknown-tool',
      error: 'Unknown tool `delete_everything`. Available tools: read.',
    })
  })

  it('repairs near-JSON arguments and reports missing and unknown parameters', () => {
    expect(checkToolArguments("{'path': 'a.ts',}", READ_TOOL, 'read')).toEqual({
      ok: true,
      value: {path: 'a.ts'},
      repaired: true,
    })
    const r = checkToolArguments('{"file": "a.ts"}', READ_TOOL, 'read')
    expect(r.ok ? '' : r.error).toContain('missing required parameter `path`; unknown parameter `file`')
  })
})

describe('typed errors', () => {
  const kindOf = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: LlmError) => [e.kind, e.status, e.message] as const,
    )

  it('connection refused names the endpoint', async () => {
    const closed = await startSim({port: 0})
    await closed.close()
    const [kind, , message] = (await kindOf(new LlmClient(closed.url).chat({model: 'm', messages: user('x')}))) ?? []
    expect(kind).toBe('connection')
    expect(message).toBe(
      `Cannot connect to ${closed.baseUrl}: connection refused; is the engine running? (oac engine status)`,
    )
  })

  it('a hung server times out', async () => {
    const r = await kindOf(
      new LlmClient(scripted.url, {timeoutMs: 300}).chat({model: 'sim-model', messages: user('hang')}),
    )
    expect(r?.[0]).toBe('timeout')
  })

  it('a 500 keeps the status and the server message', async () => {
    const r = await kindOf(client.chat({model: 'sim-model', messages: user('server error')}))
    expect(r).toEqual([
      'http',
      500,
      `${scripted.baseUrl} answered HTTP 500: CUDA error: an illegal memory access was encountered`,
    ])
  })

  it('a context overflow is its own kind', async () => {
    const r = await kindOf(client.chat({model: 'sim-model', messages: user('too long')}))
    expect(r?.[0]).toBe('context-length')
    expect(r?.[2]).toContain("This model's maximum context length is 262144 tokens")
  })

  it('a stream that stops mid-reply is a truncated stream, never a short success', async () => {
    const r = await kindOf(client.chat({model: 'sim-model', messages: user('cut me off')}))
    expect(r?.[0]).toBe('truncated-stream')
  })
})

describe('engine probing', () => {
  it.each([
    ['vllm', 'vllm /v1/models'],
    ['llamacpp', 'llama.cpp /props'],
    ['ollama', 'ollama /api/show'],
  ] as const)('reads the context a %s server applies from %s', async (flavor, source) => {
    const sim = await startSim({port: 0, context: 4096, flavor})
    try {
      expect(await probeEngine(sim.url)).toMatchObject({
        endpoint: sim.baseUrl,
        models: ['sim-model'],
        contextLength: 4096,
        contextSource: source,
      })
    } finally {
      await sim.close()
    }
  })

  it('calls a server count well below ours silent truncation', () => {
    expect(detectTruncation(5000, 4900).truncated).toBe(false)
    expect(detectTruncation(5000, 2048)).toMatchObject({
      truncated: true,
      message: expect.stringContaining('processed 2048 prompt tokens of about 5000'),
    })
  })
})
