import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {gguf} from '@huggingface/gguf'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {writeTinyModel} from '../../src/engines/embedded/tiny-model.js'
import {LlmClient} from '../../src/llm/client.js'
import {Store} from '../../src/store/store.js'
import {runCli} from '../support/run-cli.js'
import {type CliServer, startCliServer} from '../support/sim-process.js'

// The embedded engine runs the real llama.cpp (node-llama-cpp) on a tiny random-weight GGUF the test writes:
// the replies are nonsense, the pipeline is real.

const home = mkdtempSync(join(tmpdir(), 'oac-embedded-'))
const modelPath = writeTinyModel(join(home, 'tiny.gguf'))
let server: CliServer
beforeAll(async () => {
  // In its own process: a malformed GGUF aborts the process that loads it.
  server = await startCliServer(['serve', '--port', '0', '--model', modelPath, '--name', 'tiny', '--context', '8192'], {
    OAC_HOME: home,
  })
}, 60_000)
afterAll(async () => {
  expect(await server.stop()).toBe(0)
})

describe('the generated tiny GGUF', () => {
  it('is a GGUF v3 llama model with the metadata llama.cpp needs', async () => {
    const parsed = await gguf(modelPath, {allowLocalFile: true})
    const metadata = parsed.metadata as Record<string, unknown>
    const {tensorInfos} = parsed
    expect(metadata.version).toBe(3)
    expect(metadata['general.architecture']).toBe('llama')
    expect(metadata['llama.embedding_length']).toBe(64)
    expect(metadata['llama.attention.head_count_kv']).toBe(2)
    expect(metadata['tokenizer.ggml.tokens']).toContain('<|im_end|>')
    expect(tensorInfos.map((t) => t.name)).toContain('blk.1.ffn_down.weight')
  })
})

describe('oac serve (embedded engine)', () => {
  const client = () => new LlmClient(server.url)

  it('streams a chat reply with the server-side token counts', async () => {
    const r = await client().chat({
      model: 'tiny',
      messages: [{role: 'user', content: 'hello there'}],
      maxTokens: 16,
      ignoreEos: true,
    })
    expect(r.usage).toMatchObject({completionTokens: 16, estimated: false})
    expect(r.usage.promptTokens).toBeGreaterThan(5)
    expect(r.timing.chunks.length).toBeGreaterThan(3)
    expect(r.finishReason).toBe('length')
  })

  it('follows a JSON schema as a grammar (response_format)', async () => {
    const schema = {
      type: 'object',
      properties: {ok: {type: 'boolean'}, level: {enum: ['low', 'high']}},
      required: ['ok', 'level'],
    }
    const r = await client().chatOnce({
      model: 'tiny',
      messages: [{role: 'user', content: 'status?'}],
      maxTokens: 64,
      responseFormat: {type: 'json_schema', json_schema: {name: 's', schema}},
    })
    const value = JSON.parse(r.content)
    expect(typeof value.ok).toBe('boolean')
    expect(['low', 'high']).toContain(value.level)
  })

  it('embeds texts into vectors of the model width', async () => {
    const [a, b] = await client().embed('tiny', ['read the file', 'run the tests'])
    expect(a).toHaveLength(64)
    expect(b).toHaveLength(64)
    expect(a).not.toEqual(b)
  })

  it('reports its context through llama.cpp-style /props and rejects other model names', async () => {
    const props = await (await fetch(`${server.url}/props`)).json()
    expect(props.default_generation_settings.n_ctx).toBe(8192)
    const error = await client()
      .chat({model: 'gpt-9', messages: [{role: 'user', content: 'x'}]})
      .catch((e) => e)
    expect(error.message).toContain('Served models: tiny')
  })

  it('is measured end to end by oac bench --mode micro (decode tok/s) and oac eval --mode constrained', async () => {
    const bench = await runCli(['bench', '--endpoint', server.url, '--model', 'tiny', '--mode', 'micro', '--json'], {
      env: {OAC_HOME: home},
    })
    expect(
      bench.stderr
        .split('\n')
        .filter((l) => l.includes('Error'))
        .join('\n'),
    ).toBe('')
    expect(bench.exitCode).toBe(0)
    const [pp, tg] = JSON.parse(bench.stdout).runs
    console.log(`embedded tiny model: pp512 ${pp.avg_ts.toFixed(0)} tok/s, tg128 ${tg.avg_ts.toFixed(0)} tok/s`)
    expect(tg.avg_ts).toBeGreaterThan(50)
    const evalRun = await runCli(
      [
        'eval',
        'tool-calling',
        '--endpoint',
        server.url,
        '--model',
        'tiny',
        '--mode',
        'constrained',
        '--category',
        'simple',
        '--limit',
        '3',
        '--json',
      ],
      {env: {OAC_HOME: home}},
    )
    expect(evalRun.exitCode).toBe(0)
    const report = JSON.parse(evalRun.stdout)
    expect(report).toMatchObject({status: 'complete', mode: 'constrained'})
    expect(report.overall.attempts).toBe(3)
    expect(report.overall.request_errors).toBe(0)
    // Benched and evaluated by URL, without --engine: both runs still say which engine served them.
    const store = Store.open(join(home, 'oac.db'))
    try {
      expect(store.listRuns({limit: 2}).map((r) => [r.kind, r.engine])).toEqual([
        ['eval-tool-calling', 'embedded'],
        ['bench', 'embedded'],
      ])
    } finally {
      store.close()
    }
  }, 120_000)
})
