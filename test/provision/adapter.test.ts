import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {vllmMaxLoraRank} from '../../src/engines/adapter-args.js'
import {checkAdapter, readAdapter} from '../../src/provision/adapter.js'
import {buildSetup} from '../../src/provision/setup.js'
import {Store} from '../../src/store/store.js'

// `oac setup --adapter`: what an adapter on disk is, which engine takes which, and the tuned model registered as its
// own endpoint in a temporary results store.

const dir = mkdtempSync(join(tmpdir(), 'oac-adapter-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

const peft = 'fixtures/provision/adapters/peft'
const gguf = 'fixtures/provision/adapters/adapter.gguf'

describe('readAdapter and checkAdapter', () => {
  it('reads the rank of a PEFT adapter directory and resolves the path', () => {
    const a = readAdapter(peft)
    expect(a).toEqual({path: join(process.cwd(), peft), kind: 'dir', rank: 32})
    expect(readAdapter(gguf).kind).toBe('gguf')
  })

  it('names a path that does not exist, and an adapter_config.json that is not JSON', () => {
    expect(() => readAdapter('missing/adapter', dir)).toThrow(
      `--adapter: ${join(dir, 'missing/adapter')} does not exist`,
    )
    const broken = join(dir, 'broken')
    mkdirSync(broken)
    writeFileSync(join(broken, 'adapter_config.json'), '{r: 8')
    expect(() => readAdapter(broken)).toThrow(/adapter_config\.json is not JSON/)
  })

  it('refuses an engine oac serves no adapter with, and the wrong kind of adapter for an engine', () => {
    const dirAdapter = readAdapter(peft)
    const fileAdapter = readAdapter(gguf)
    expect(() => checkAdapter('sglang', dirAdapter, 'x')).toThrow(
      'oac setup serves adapters with vLLM, llama.cpp, Ollama and MLX; this profile runs sglang',
    )
    expect(() => checkAdapter('vllm', fileAdapter, 'x')).toThrow(/vLLM loads an adapter directory/)
    expect(() => checkAdapter('mlx', fileAdapter, 'x')).toThrow(/mlx_lm\.server loads an adapter directory/)
    expect(() => checkAdapter('llamacpp', dirAdapter, 'x')).toThrow(/convert_lora_to_gguf\.py/)
    const bare = join(dir, 'bare')
    mkdirSync(bare)
    expect(() => checkAdapter('vllm', readAdapter(bare), 'x')).toThrow(/has no adapter_config\.json/)
    expect(() => checkAdapter('vllm', dirAdapter, 'my model')).toThrow(/--adapter-name: "my model" is not a model name/)
    expect(checkAdapter('ollama', fileAdapter, 'mycode')).toBe('ollama')
    expect(checkAdapter('ollama', dirAdapter, 'mycode')).toBe('ollama')
  })
})

async function register(profile: string, box: string, adapter: string) {
  const env = {HOME: join(dir, 'home'), OAC_HOME: join(dir, profile), OAC_CONFIG_DIR: '', XDG_CONFIG_HOME: ''}
  const setup = await buildSetup({
    profile,
    hardwarePath: `fixtures/hardware/${box}`,
    env,
    adapter: {path: adapter, name: 'mycode'},
  })
  const step = setup.steps.find((s) => s.id === 'register')
  await step?.run(() => {})
  const store = Store.open(join(env.OAC_HOME, 'oac.db'))
  try {
    return store.listEndpoints().map((e) => [e.name, e.url, e.model, e.engine])
  } finally {
    store.close()
  }
}

describe('the tuned model registers as its own endpoint', () => {
  it('vLLM: beside the base, on the same server, under the adapter name', async () => {
    expect(await register('dual-4090', 'dual-4090', peft)).toEqual([
      ['dual-4090-primary', 'http://127.0.0.1:8000/v1', 'qwen3-coder-30b-a3b', 'vllm'],
      ['dual-4090-mycode', 'http://127.0.0.1:8000/v1', 'mycode', 'vllm'],
      ['dual-4090-fast', 'http://127.0.0.1:8001/v1', 'qwen2.5-coder-7b', 'vllm'],
      ['dual-4090-embedding', 'http://127.0.0.1:8002/v1', 'nomic-embed-text-v1.5', 'vllm'],
    ])
  })

  it('llama.cpp: instead of the base, on its own port, so no URL registered for the base answers tuned', async () => {
    expect(await register('rtx5090', 'rtx5090', gguf)).toEqual([
      ['rtx5090-mycode', 'http://127.0.0.1:8083/v1', 'mycode', 'llamacpp'],
      ['rtx5090-fast', 'http://127.0.0.1:8081/v1', 'qwen2.5-coder-7b', 'llamacpp'],
      ['rtx5090-embedding', 'http://127.0.0.1:8082/v1', 'nomic-embed-text-v1.5', 'llamacpp'],
    ])
  })
})

describe('vLLM --max-lora-rank', () => {
  it('is left at the default up to rank 16, and rounded up to a value vLLM accepts above it', () => {
    expect(vllmMaxLoraRank(undefined)).toEqual([])
    expect(vllmMaxLoraRank(16)).toEqual([])
    expect(vllmMaxLoraRank(24)).toEqual(['--max-lora-rank', '32'])
    expect(vllmMaxLoraRank(64)).toEqual(['--max-lora-rank', '64'])
    expect(vllmMaxLoraRank(300)).toEqual(['--max-lora-rank', '320'])
    expect(() => vllmMaxLoraRank(1024)).toThrow('vLLM serves LoRA adapters up to rank 512; this one has rank 1024')
  })
})
