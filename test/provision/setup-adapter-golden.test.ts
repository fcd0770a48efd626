import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {GOLDEN_ENV} from './fakes.js'

// `oac setup --adapter ... --dry-run` on each engine that serves adapters, compared with the expected output under
// fixtures/provision/. The adapter's absolute path is written <repo> so the files hold on every checkout.
// UPDATE_GOLDEN=1 rewrites them.

const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '')
const env = GOLDEN_ENV
const peft = 'fixtures/provision/adapters/peft'
const gguf = 'fixtures/provision/adapters/adapter.gguf'

const cases = [
  {profile: 'dual-4090', box: 'dual-4090', adapter: peft, engine: 'vllm'},
  {profile: 'rtx5090', box: 'rtx5090', adapter: gguf, engine: 'llamacpp'},
  {profile: 'm4-max', box: 'm4-max-128', adapter: peft, engine: 'mlx'},
  {
    profile: 'rtx5090-ollama',
    box: 'rtx5090',
    adapter: gguf,
    engine: 'ollama',
    config: 'fixtures/provision/ollama-config',
  },
]

const dryRun = (profile: string, box: string, extra: string[], config?: string) =>
  runCli(['setup', '--profile', profile, '--dry-run', '--hardware', `fixtures/hardware/${box}`, ...extra], {
    env: {...env, ...(config ? {OAC_CONFIG_DIR: join(root, config)} : {})},
  })

describe('oac setup --adapter --dry-run golden launch plans', () => {
  for (const {profile, box, adapter, engine, config} of cases)
    it(`${engine}: ${profile} with ${adapter}`, async () => {
      const r = await dryRun(profile, box, ['--adapter', adapter, '--adapter-name', 'mycode'], config)
      expect(r.stderr).toBe('')
      expect(r.exitCode).toBe(0)
      const out = `${r.stdout.replaceAll(root, '<repo>')}\n`
      const golden = join(root, 'fixtures/provision', `setup-${profile}-adapter.dry-run.txt`)
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, out)
      expect(out).toBe(readFileSync(golden, 'utf8'))
      expect(existsSync(env.OAC_HOME)).toBe(false)
    })

  it('--adapter-role fast: the adapter on the fast model, its Ollama Modelfile FROM the fast model', async () => {
    const args = ['--adapter', gguf, '--adapter-name', 'mycode', '--adapter-role', 'fast']
    const ollama = await dryRun('rtx5090-ollama', 'rtx5090', args, 'fixtures/provision/ollama-config')
    expect(ollama.exitCode).toBe(0)
    expect(ollama.stdout).toContain(`   | FROM qwen2.5-coder:7b\n   | ADAPTER ${root}/${gguf}\n`)
    expect(ollama.stdout).toContain('endpoint rtx5090-ollama-mycode = http://127.0.0.1:11434/v1 model mycode')
    expect(ollama.stdout).toContain('endpoint rtx5090-ollama-primary = http://127.0.0.1:11434/v1 model qwen3-coder:30b')
    const llama = await dryRun('rtx5090', 'rtx5090', args)
    expect(llama.exitCode).toBe(0)
    expect(llama.stdout).toContain('endpoint rtx5090-mycode = http://127.0.0.1:8083/v1 model mycode')
    expect(llama.stdout).toContain('endpoint rtx5090-primary = http://127.0.0.1:8080/v1 model qwen3-coder-30b-a3b')
    expect(llama.stdout).not.toContain('endpoint rtx5090-fast =')
    expect(llama.stdout).toMatch(/# oac rtx5090 fast: llamacpp serving qwen2\.5-coder-7b on port 8083/)
  })

  it('names the adapter path that does not exist (exit 2) and writes nothing', async () => {
    const r = await dryRun('dual-4090', 'dual-4090', ['--adapter', 'no/such/adapter'])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain(`${join(root, 'no/such/adapter')} does not exist`)
    expect(r.stdout).toBe('')
  })

  it('refuses a PEFT directory for llama.cpp, with the converter to use (exit 2)', async () => {
    const r = await dryRun('rtx5090', 'rtx5090', ['--adapter', peft])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('llama-server --lora takes a GGUF adapter file')
    expect(r.stderr).toContain('convert_lora_to_gguf.py')
  })
})
