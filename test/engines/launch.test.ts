import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import * as llamacpp from '../../src/engines/llamacpp.js'
import * as mlx from '../../src/engines/mlx.js'
import * as ollama from '../../src/engines/ollama.js'
import {needsP2pDisabled} from '../../src/engines/python-server.js'
import * as sglang from '../../src/engines/sglang.js'
import type {EngineModule, LaunchSpec} from '../../src/engines/types.js'
import * as vllm from '../../src/engines/vllm.js'
import {loadHardware} from '../../src/hardware/load-captures.js'
import type {HardwareReport} from '../../src/hardware/types.js'
import {builtinProfilesDir, loadCatalog} from '../../src/profiles/catalog.js'
import {findProfile, type LoadedProfile, loadProfiles} from '../../src/profiles/load-profiles.js'
import {planProfile} from '../../src/profiles/plan.js'

const catalog = loadCatalog([builtinProfilesDir()])
const profiles = loadProfiles(catalog, [builtinProfilesDir()])
const hardware = (box: string) => loadHardware(join(import.meta.dirname, '../../fixtures/hardware', box))
const profile = (id: string, change: Partial<LoadedProfile> = {}) => ({...findProfile(profiles, id), ...change})

/** The value after a flag in an argv. */
const flag = (spec: LaunchSpec | undefined, name: string) => {
  const args = spec?.command ?? []
  const i = args.indexOf(name)
  return i < 0 ? undefined : args[i + 1]
}

describe('llama.cpp on the rtx5090 plan', () => {
  const hw = hardware('rtx5090')
  const plan = planProfile(profile('rtx5090'), hw, catalog)
  const launch = llamacpp.launchPlan(plan, catalog, hw, {modelsDir: '/models'})
  const [primary, fast, embedding] = launch.servers

  it('serves every planned model on consecutive ports', () => {
    expect(plan.engine).toBe('llamacpp')
    expect(launch.skipped).toEqual([])
    expect(launch.servers.map((s) => [s.role, s.port, s.baseUrl])).toEqual([
      ['primary', 8080, 'http://127.0.0.1:8080/v1'],
      ['fast', 8081, 'http://127.0.0.1:8081/v1'],
      ['embedding', 8082, 'http://127.0.0.1:8082/v1'],
    ])
  })

  it('launches the primary model with the real llama-server flags', () => {
    expect(primary?.command).toEqual([
      'llama-server',
      '-m',
      '/models/unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF/Qwen3-Coder-30B-A3B-Instruct-Q4_K_M.gguf',
      '--host',
      '127.0.0.1',
      '--port',
      '8080',
      '--alias',
      'qwen3-coder-30b-a3b',
      '-c',
      '65536',
      '-ngl',
      '999',
      '-np',
      '1',
      '--metrics',
      '-fa',
      'on',
      '--jinja',
      '--cache-type-k',
      'q8_0',
      '--cache-type-v',
      'q8_0',
    ])
    expect(primary?.env).toEqual({})
    expect(primary?.healthPath).toBe('/health')
    expect(primary?.weights).toEqual({
      kind: 'gguf',
      repo: 'unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF',
      file: 'Qwen3-Coder-30B-A3B-Instruct-Q4_K_M.gguf',
      path: '/models/unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF/Qwen3-Coder-30B-A3B-Instruct-Q4_K_M.gguf',
    })
  })

  it("follows each publisher's GGUF file naming", () => {
    expect(fast?.weights).toMatchObject({file: 'qwen2.5-coder-7b-instruct-q4_k_m.gguf'})
    expect(embedding?.weights).toMatchObject({file: 'nomic-embed-text-v1.5.Q8_0.gguf'})
  })

  it('runs the embedding model as an embeddings server without chat flags', () => {
    expect(embedding?.command).toContain('--embeddings')
    expect(flag(embedding, '-ub')).toBe('8192')
    expect(embedding?.command).not.toContain('--jinja')
  })

  it('has no tensor split and keeps the experts on the GPU when the plan fits', () => {
    expect(plan.fits).toBe(true)
    for (const s of launch.servers) {
      expect(s.command).not.toContain('-ts')
      expect(s.command).not.toContain('--n-cpu-moe')
    }
  })

  it('moves MoE experts to the CPU (--n-cpu-moe) when the MoE primary does not fit', () => {
    const big = planProfile(profile('rtx5090'), hw, catalog, {context: 262144})
    expect(big.fits).toBe(false)
    const [p, f] = llamacpp.launchPlan(big, catalog, hw).servers
    const n = Number(flag(p, '--n-cpu-moe'))
    // 31.21 GiB planned on 30.25 usable: ~0.96 GiB over, ~0.2 GiB of Q2_K experts per layer.
    expect(n).toBe(5)
    expect(llamacpp.cpuMoeLayers(big.models[0]!, big, catalog.models['qwen3-coder-30b-a3b']!)).toBe(5)
    expect(f?.command).not.toContain('--n-cpu-moe')
    expect(p?.notes.join(' ')).toMatch(/experts of 5 of 48 layers/)
  })

  it('sizes -c as context × parallel slots', () => {
    const p = plan.models[0]!
    const spec = llamacpp.launch({
      planned: {...p, parallel: 4},
      plan,
      spec: catalog.models[p.model]!,
      hw,
      port: 9000,
    })
    expect(flag(spec, '-c')).toBe(String(p.context * 4))
    expect(flag(spec, '-np')).toBe('4')
  })
})

describe('vLLM on the dual-4090 plan', () => {
  const hw = hardware('dual-4090')
  const plan = planProfile(profile('dual-4090'), hw, catalog)
  const launch = vllm.launchPlan(plan, catalog, hw, {venv: '/opt/oac/vllm'})
  const [primary, fast, embedding] = launch.servers

  it('launches vllm serve with tensor parallel, fp8 KV cache and the Qwen3-Coder tool parser', () => {
    expect(plan.engine).toBe('vllm')
    expect(primary?.command).toEqual([
      '/opt/oac/vllm/bin/vllm',
      'serve',
      'Qwen/Qwen3-Coder-30B-A3B-Instruct-AWQ',
      '--host',
      '127.0.0.1',
      '--port',
      '8000',
      '--served-model-name',
      'qwen3-coder-30b-a3b',
      '--max-model-len',
      '65536',
      '--gpu-memory-utilization',
      '0.55',
      '--tensor-parallel-size',
      '2',
      '--max-num-seqs',
      '2',
      '--kv-cache-dtype',
      'fp8',
      '--enable-prefix-caching',
      '--enable-auto-tool-choice',
      '--tool-call-parser',
      'qwen3_coder',
    ])
    expect(primary?.notes.join(' ')).toMatch(/assumed the AWQ checkpoint/)
  })

  it('disables NCCL peer-to-peer on PCIe-only RTX 4090s', () => {
    for (const s of launch.servers) expect(s.env).toEqual({NCCL_P2P_DISABLE: '1'})
    expect(needsP2pDisabled(hw, 1)).toBe(false)
    expect(needsP2pDisabled(hardware('rtx5090'), 2)).toBe(true)
  })

  it("gives each process its planned share of GPU memory, within the profile's fraction", () => {
    const shares = launch.servers.map((s) => Number(flag(s, '--gpu-memory-utilization')))
    expect(shares).toEqual([0.55, 0.19, 0.09])
    expect(shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(0.9)
  })

  it('picks the hermes parser for Qwen2.5 and the pooling runner for the embedding model', () => {
    expect(flag(fast, '--tool-call-parser')).toBe('hermes')
    expect(embedding?.command).toEqual(expect.arrayContaining(['--runner', 'pooling', '--trust-remote-code']))
    expect(embedding?.command).not.toContain('--enable-auto-tool-choice')
  })

  it('uses the parsers of GLM-4.5, gpt-oss and Devstral from the catalog', () => {
    const p = plan.models[0]!
    const parser = (model: string) =>
      flag(
        vllm.launch({planned: {...p, model, quantization: 'bf16'}, plan, spec: catalog.models[model]!, hw, port: 1}),
        '--tool-call-parser',
      )
    expect(parser('glm-4.5-air')).toBe('glm45')
    expect(parser('gpt-oss-20b')).toBe('openai')
    expect(parser('devstral-small')).toBe('mistral')
  })

  it('quantizes to FP8 on load and honours a repository override', () => {
    const p = {...plan.models[0]!, quantization: 'fp8'}
    const spec = catalog.models[p.model]!
    const fp8 = vllm.launch({planned: p, plan, spec, hw, port: 1})
    expect(fp8.command[2]).toBe('Qwen/Qwen3-Coder-30B-A3B-Instruct')
    expect(flag(fp8, '--quantization')).toBe('fp8')
    const awq = vllm.launch({
      planned: plan.models[0]!,
      plan,
      spec,
      hw,
      port: 1,
      options: {repos: {'qwen3-coder-30b-a3b': 'someone/Qwen3-Coder-30B-A3B-Instruct-AWQ'}},
    })
    expect(awq.command[2]).toBe('someone/Qwen3-Coder-30B-A3B-Instruct-AWQ')
    expect(awq.notes).toEqual([])
  })
})

describe('other engines on the dual-4090 box', () => {
  const hw = hardware('dual-4090')

  it('llama.cpp splits layers over both GPUs with -ts 1,1', () => {
    const plan = planProfile(profile('dual-4090', {engine: 'llamacpp'}), hw, catalog)
    const [primary] = llamacpp.launchPlan(plan, catalog, hw).servers
    expect(flag(primary, '-ts')).toBe('1,1')
    expect(flag(primary, '-np')).toBe('2')
    expect(flag(primary, '-c')).toBe(String(plan.models[0]!.context * 2))
    expect(flag(primary, '--cache-type-k')).toBe('q8_0')
  })

  it('SGLang takes --tp, --mem-fraction-static and its own parser names', () => {
    const plan = planProfile(profile('dual-4090', {engine: 'sglang'}), hw, catalog)
    const launch = sglang.launchPlan(plan, catalog, hw)
    const [primary, fast] = launch.servers
    expect(primary?.command.slice(0, 5)).toEqual([
      'python3',
      '-m',
      'sglang.launch_server',
      '--model-path',
      'Qwen/Qwen3-Coder-30B-A3B-Instruct-AWQ',
    ])
    expect(flag(primary, '--port')).toBe('30000')
    expect(flag(primary, '--context-length')).toBe('65536')
    expect(flag(primary, '--tp')).toBe('2')
    expect(flag(primary, '--mem-fraction-static')).toBe('0.55')
    expect(flag(primary, '--tool-call-parser')).toBe('qwen3_coder')
    expect(flag(fast, '--tool-call-parser')).toBe('qwen25')
    // nomic-embed's code lives in another repository, which SGLang cannot pin: not served unless allowed.
    expect(launch.skipped).toEqual([
      {role: 'embedding', model: 'nomic-embed-text-v1.5', reason: expect.stringMatching(/sglang cannot pin/)},
    ])
    const allowed = sglang.launchPlan(plan, catalog, hw, {allowUnpinnedCode: true}).servers[2]
    expect(allowed?.command).toEqual(expect.arrayContaining(['--is-embedding', '--trust-remote-code']))
    expect(primary?.env).toEqual({NCCL_P2P_DISABLE: '1'})
    expect(sglang.toolCallParser('openai')).toBe('gpt-oss')
  })
})

describe('MLX-LM on the m4-max plan', () => {
  const hw = hardware('m4-max-128')
  const plan = planProfile(profile('m4-max'), hw, catalog)
  const launch = mlx.launchPlan(plan, catalog, hw, {venv: '/Users/me/.oac/mlx'})

  it('launches mlx_lm.server per chat model with the mlx-community conversion', () => {
    expect(plan.engine).toBe('mlx')
    expect(launch.servers.map((s) => s.command)).toEqual([
      [
        '/Users/me/.oac/mlx/bin/mlx_lm.server',
        '--model',
        'mlx-community/Qwen3-Coder-30B-A3B-Instruct-bf16',
        '--host',
        '127.0.0.1',
        '--port',
        '8080',
      ],
      [
        '/Users/me/.oac/mlx/bin/mlx_lm.server',
        '--model',
        'mlx-community/Qwen2.5-Coder-7B-Instruct-8bit',
        '--host',
        '127.0.0.1',
        '--port',
        '8081',
      ],
    ])
    expect(launch.servers[0]?.servedName).toBe('mlx-community/Qwen3-Coder-30B-A3B-Instruct-bf16')
    expect(launch.servers[0]?.healthPath).toBe('/v1/models')
  })

  it('skips the embedding model, which mlx_lm.server cannot serve', () => {
    expect(launch.skipped).toEqual([
      {role: 'embedding', model: 'nomic-embed-text-v1.5', reason: expect.stringMatching(/no embeddings endpoint/)},
    ])
  })

  it('llama.cpp as the fallback engine on the Mac runs Metal on one GPU', () => {
    const fallback = planProfile(profile('m4-max', {engine: 'llamacpp'}), hw, catalog)
    const servers = llamacpp.launchPlan(fallback, catalog, hw).servers
    expect(servers).toHaveLength(3)
    expect(servers[0]?.command).not.toContain('-ts')
    expect(flag(servers[0], '--cache-type-k')).toBe('f16')
  })
})

describe('Ollama', () => {
  const hw = hardware('rtx5090')
  const plan = planProfile(profile('rtx5090', {engine: 'ollama'}), hw, catalog)
  const launch = ollama.launchPlan(plan, catalog, hw)

  it('runs one server configured by environment, with a pull per model', () => {
    expect(launch.servers).toHaveLength(1)
    const server = launch.servers[0]!
    expect(server.command).toEqual(['ollama', 'serve'])
    expect(server.env).toEqual({
      OLLAMA_HOST: '127.0.0.1:11434',
      OLLAMA_CONTEXT_LENGTH: '65536',
      OLLAMA_FLASH_ATTENTION: '1',
      OLLAMA_KV_CACHE_TYPE: 'q8_0',
      OLLAMA_NUM_PARALLEL: '1',
      OLLAMA_MAX_LOADED_MODELS: '3',
      OLLAMA_KEEP_ALIVE: '-1',
    })
    expect(server.healthPath).toBe('/api/version')
    expect(server.prepare).toEqual([
      ['ollama', 'pull', 'qwen3-coder:30b'],
      ['ollama', 'pull', 'qwen2.5-coder:7b'],
      ['ollama', 'pull', 'hf.co/nomic-ai/nomic-embed-text-v1.5-GGUF:Q8_0'],
    ])
    expect(server.alsoServes?.map((m) => m.role)).toEqual(['fast', 'embedding'])
  })

  it('pulls a non-default quantization from the GGUF repository', () => {
    const spec = catalog.models['qwen3-coder-30b-a3b']!
    expect(ollama.ollamaTag(spec, 'Q4_K_M').tag).toBe('qwen3-coder:30b')
    expect(ollama.ollamaTag(spec, 'Q8_0').tag).toBe('hf.co/unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF:Q8_0')
    expect(ollama.kvCacheType('fp8')).toMatchObject({type: 'q8_0'})
  })
})

describe('install and version commands', () => {
  const linux = hardware('rtx5090')
  const mac = hardware('m4-max-128')
  const cpu = hardware('cpu-linux')

  it('installs the Python engines into a venv with pip, vLLM and SGLang at pinned versions', () => {
    expect(vllm.install(linux, {venv: '/v'}).commands).toEqual([
      'python3 -m venv /v',
      '/v/bin/pip install --upgrade pip',
      '/v/bin/pip install vllm==0.28.0',
    ])
    expect(sglang.install(linux, {venv: '/v'}).commands.at(-1)).toBe('/v/bin/pip install sglang==0.5.19')
    expect(mlx.install(mac, {venv: '/v'}).commands.at(-1)).toBe('/v/bin/pip install mlx-lm==0.31.2')
  })

  it('refuses engines that cannot run on the platform', () => {
    expect(vllm.install(mac).supported).toBe(false)
    expect(vllm.install(cpu).supported).toBe(false)
    expect(sglang.install(mac).supported).toBe(false)
    expect(mlx.install(linux).supported).toBe(false)
  })

  it('installs llama.cpp from Homebrew or a CUDA build of a release tag, and Ollama from a checked archive', () => {
    expect(llamacpp.install(mac).commands).toEqual(['brew install llama.cpp'])
    expect(llamacpp.install(cpu).commands).toEqual(['brew install llama.cpp'])
    const cuda = llamacpp.install(linux, {srcDir: '/src/llama.cpp'}).commands
    expect(cuda[0]).toBe('git clone --depth 1 --branch b10864 https://github.com/ggml-org/llama.cpp /src/llama.cpp')
    expect(cuda[1]).toContain('-DGGML_CUDA=ON')
    expect(ollama.install(linux, {ollamaDir: '/o', downloadsDir: '/d'}).commands).toEqual([
      'mkdir -p /o',
      'tar --zstd -xf /d/v0.32.15-ollama-linux-amd64.tar.zst -C /o',
    ])
    expect(ollama.install(mac).commands).toEqual(['brew install ollama'])
  })

  it('has a version command and a health path for every engine', () => {
    const modules: EngineModule[] = [vllm.vllm, sglang.sglang, llamacpp.llamacpp, ollama.ollama, mlx.mlx]
    expect(modules.map((m) => [m.id, m.versionCommand({venv: '/v'}), m.healthPath])).toEqual([
      ['vllm', ['/v/bin/vllm', '--version'], '/health'],
      ['sglang', ['/v/bin/python', '-c', 'import sglang; print(sglang.__version__)'], '/health'],
      ['llamacpp', ['llama-server', '--version'], '/health'],
      ['ollama', ['ollama', '--version'], '/api/version'],
      ['mlx', ['/v/bin/python', '-c', 'import mlx_lm; print(mlx_lm.__version__)'], '/v1/models'],
    ])
  })
})

describe('pre-install pitfalls', () => {
  const withCuda = (hw: HardwareReport, cuda: string | undefined): HardwareReport => ({
    ...hw,
    gpus: hw.gpus.map((g) => ({...g, cudaVersion: cuda})),
  })
  const ids = (m: Pick<EngineModule, 'pitfalls'>, hw: HardwareReport) => m.pitfalls(hw).map((p) => p.id)

  it('finds nothing to fix on the fixtures that are set up right', () => {
    for (const m of [vllm, sglang, llamacpp, ollama]) {
      expect(ids(m, hardware('rtx5090'))).toEqual([])
      expect(ids(m, hardware('dual-4090'))).toEqual([])
    }
  })

  it('flags an RTX 5090 (compute capability 12.0) whose driver CUDA is older than 12.8', () => {
    const old = withCuda(hardware('rtx5090'), '12.6')
    for (const m of [vllm, sglang, llamacpp, ollama]) {
      const [p] = m.pitfalls(old)
      expect(p).toMatchObject({id: 'blackwell-cuda', severity: 'error'})
      expect(p?.message).toMatch(/CUDA >= 12\.8.*12\.6/)
    }
    expect(ids(llamacpp, withCuda(hardware('rtx5090'), '12.8'))).toEqual([])
    expect(ids(llamacpp, withCuda(hardware('rtx5090'), undefined))).toEqual(['blackwell-cuda'])
    // Ada cards need nothing newer.
    expect(ids(vllm, withCuda(hardware('dual-4090'), '12.0'))).toEqual([])
  })

  it('warns that macOS caps the GPU at ~75% of RAM until iogpu.wired_limit_mb is raised', () => {
    const mac = hardware('m4-max-128')
    for (const m of [mlx, llamacpp, ollama]) {
      const [p] = m.pitfalls(mac)
      expect(p).toMatchObject({id: 'apple-gpu-wired-limit', severity: 'warning'})
      expect(p?.message).toMatch(/75% of the 128 GiB/)
      expect(p?.fix).toMatch(/^sudo sysctl iogpu\.wired_limit_mb=\d+/)
    }
    const raised: HardwareReport = {...mac, apple: {...mac.apple!, gpuWiredLimitMiB: 120_000}}
    expect(ids(mlx, raised)).toEqual([])
  })

  it('flags engines on the wrong platform and MLX on an old macOS', () => {
    expect(ids(vllm, hardware('m4-max-128'))).toEqual(['platform'])
    expect(ids(sglang, hardware('cpu-linux'))).toEqual(['platform'])
    expect(ids(mlx, hardware('rtx5090'))).toEqual(['platform'])
    const mac = hardware('m4-max-128')
    const old: HardwareReport = {...mac, os: {...mac.os, release: '13.4'}}
    expect(ids(mlx, old)).toEqual(['macos-version', 'apple-gpu-wired-limit'])
  })
})
