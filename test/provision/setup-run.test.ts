import {appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {delimiter, join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {PINS} from '../../src/engines/pins.js'
import {Store} from '../../src/store/store.js'
import {runCli} from '../support/run-cli.js'
import {freePorts, repoRoot, writeFakeTools} from './fakes.js'

// The whole of `oac setup --profile dual-4090` against fake vendor tools: the stand-in `vllm` runs `oac sim`, the
// fake `systemctl` starts and stops it. It must end with healthy, registered endpoints, and a second run must skip
// every step.

const dir = mkdtempSync(join(tmpdir(), 'oac-setup-run-'))
const bin = join(dir, 'bin')
const calls = join(dir, 'calls.log')
const env = {
  HOME: join(dir, 'home'),
  OAC_HOME: join(dir, 'oac'),
  OAC_CONFIG_DIR: '',
  XDG_CONFIG_HOME: join(dir, 'config'),
  HF_HOME: join(dir, 'hf'),
  HF_HUB_CACHE: '',
  HF_ENDPOINT: '',
  PATH: `${bin}${delimiter}${process.env.PATH}`,
}
let basePort = 0
const fixture = 'fixtures/hardware/dual-4090'
const setup = () =>
  runCli(['setup', '--profile', 'dual-4090', '--hardware', fixture, '--yes', '--base-port', String(basePort)], {
    env,
    timeout: 180_000,
  })
const callLines = () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [])

beforeAll(async () => {
  writeFakeTools(bin, calls, join(dir, 'systemd-state'))
  basePort = await freePorts(3)
})

afterAll(async () => {
  await runCli(['engine', 'stop', 'dual-4090'], {env})
  const state = join(dir, 'systemd-state')
  for (const f of existsSync(state) ? readdirSync(state) : []) {
    try {
      process.kill(Number(readFileSync(join(state, f), 'utf8')))
    } catch {}
  }
  rmSync(dir, {recursive: true, force: true})
})

describe('oac setup against fake tools', () => {
  it('provisions, starts and registers every server', async () => {
    const r = await setup()
    expect(r.stderr + r.stdout).not.toMatch(/failed/)
    expect(r.exitCode).toBe(0)
    // The stand-in vllm answers --version, so the install step is already done.
    expect(r.stdout).toContain('Install vLLM (skipped when `vllm --version` answers): already done')
    // ... but it is not the pinned version: kept, and the user is told, never silently.
    expect(r.stdout).toContain(
      `\`vllm --version\` says "0.11.0", not ${PINS.vllm.version}: kept as it is; remove it and run setup again`,
    )
    expect(r.stdout).toContain('dual-4090: 10 step(s) done, 1 already done')
    const lines = callLines()
    expect(lines).toContain('nvidia-smi --query-gpu=name,driver_version --format=csv,noheader')
    expect(lines).toContain('vllm --version')
    expect(lines).toContain('hf download Qwen/Qwen3-Coder-30B-A3B-Instruct-AWQ')
    expect(lines).toContain('systemctl --user daemon-reload')
    expect(lines).toContain('systemctl --user restart oac-dual-4090-primary.service')
    expect(lines.filter((l) => l.startsWith('vllm serve'))).toHaveLength(3)
    const unit = readFileSync(join(env.XDG_CONFIG_HOME, 'systemd/user/oac-dual-4090-primary.service'), 'utf8')
    expect(unit).toContain(`ExecStart=${join(env.OAC_HOME, 'engines/dual-4090/primary.sh')}`)
    const script = readFileSync(join(env.OAC_HOME, 'engines/dual-4090/primary.sh'), 'utf8')
    expect(script).toContain('export NCCL_P2P_DISABLE=1')
    expect(script).toContain(`--port ${basePort}`)

    const store = Store.open(join(env.OAC_HOME, 'oac.db'))
    const endpoints = store.listEndpoints()
    store.close()
    expect(endpoints.map((e) => [e.name, e.url, e.model, e.engine, e.profile])).toEqual([
      ['dual-4090-primary', `http://127.0.0.1:${basePort}/v1`, 'qwen3-coder-30b-a3b', 'vllm', 'dual-4090'],
      ['dual-4090-fast', `http://127.0.0.1:${basePort + 1}/v1`, 'qwen2.5-coder-7b', 'vllm', 'dual-4090'],
      ['dual-4090-embedding', `http://127.0.0.1:${basePort + 2}/v1`, 'nomic-embed-text-v1.5', 'vllm', 'dual-4090'],
    ])
    const health = await fetch(`http://127.0.0.1:${basePort}/health`)
    expect(health.status).toBe(200)
  }, 180_000)

  it('skips every step on a second run and runs nothing that changes the machine', async () => {
    const before = callLines().length
    const r = await setup()
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('dual-4090: 0 step(s) done, 11 already done')
    const again = callLines().slice(before)
    // Only probes: the version command and is-active.
    expect(again.every((l) => l === 'vllm --version' || l.startsWith('systemctl --user is-active'))).toBe(true)
  }, 180_000)

  it('oac engine status reads health, model, context and load from /metrics', async () => {
    const r = await runCli(['engine', 'status', 'dual-4090', '--json', '--interval', '200'], {env})
    expect(r.exitCode).toBe(0)
    const rows = JSON.parse(r.stdout) as {name: string; active: boolean; healthy: boolean; model: string}[]
    expect(rows.map((x) => [x.name, x.active, x.healthy])).toEqual([
      ['dual-4090-primary', true, true],
      ['dual-4090-fast', true, true],
      ['dual-4090-embedding', true, true],
    ])
    expect(rows[0]).toMatchObject({model: 'qwen3-coder-30b-a3b', context: 65536, running: 0, waiting: 0})
    const table = await runCli(['engine', 'status', 'dual-4090-fast', '--interval', '0'], {env})
    expect(table.stdout).toMatch(/dual-4090-fast\s+active\s+healthy\s+qwen2\.5-coder-7b\s+16384/)
  }, 60_000)

  it('oac engine logs tails the log; stop and start go through systemctl', async () => {
    const logs = await runCli(['engine', 'logs', 'dual-4090-primary', '-n', '20'], {env})
    expect(logs.stdout).toContain('oac sim listening on')
    // Following: what the engine appends (a client's model name, a prompt) keeps its colours and loses the rest.
    const log = join(env.OAC_HOME, 'engines/dual-4090/logs/primary.log')
    const follow = runCli(['engine', 'logs', 'dual-4090-primary', '-f', '-n', '0'], {env})
    let followed = ''
    follow.stdout?.on('data', (chunk: Buffer) => {
      followed += String(chunk)
    })
    await new Promise((r) => setTimeout(r, 2000))
    appendFileSync(log, `model \u001b]0;owned\u0007\u001b[2J\u001b[32mgreen\u001b[0m \u001b[8mhidden\u001b[0m end\n`)
    for (let i = 0; i < 100 && !followed.includes(' end'); i++) await new Promise((r) => setTimeout(r, 100))
    follow.kill('SIGINT')
    const out = (await follow).stdout
    expect(out).toBe('model \u001b[32mgreen\u001b[0m hidden\u001b[0m end')
    const stop = await runCli(['engine', 'stop', 'dual-4090-fast'], {env})
    expect(stop.exitCode).toBe(0)
    expect(callLines()).toContain('systemctl --user stop oac-dual-4090-fast.service')
    const down = await runCli(['engine', 'status', 'dual-4090-fast', '--json', '--interval', '0'], {env})
    expect(down.exitCode).toBe(1)
    expect(JSON.parse(down.stdout)[0]).toMatchObject({active: false, healthy: false})
    const start = await runCli(['engine', 'start', 'dual-4090-fast', '--timeout', '60'], {env, timeout: 90_000})
    // listr2 progress while waiting (its simple renderer off a terminal): the wait, then the healthy server.
    expect(start.stdout).toMatch(/❯ dual-4090-fast: waiting for http:\/\/127\.0\.0\.1:\d+\/\S* \(up to 60 s\)/)
    expect(start.stdout).toMatch(/✔ dual-4090-fast: healthy at http:\/\/127\.0\.0\.1:\d+\/v1/)
  }, 120_000)

  it('oac setup --adapter serves the tuned model beside the base, smokes it and registers it as its own endpoint', async () => {
    const adapter = join(repoRoot, 'fixtures/provision/adapters/peft')
    const r = await runCli(
      ['setup', '--profile', 'dual-4090', '--hardware', fixture, '--yes', '--base-port', String(basePort)].concat([
        '--adapter',
        adapter,
        '--adapter-name',
        'mycode',
      ]),
      {env, timeout: 180_000},
    )
    expect(r.stderr + r.stdout).not.toMatch(/failed/)
    expect(r.exitCode).toBe(0)
    const script = readFileSync(join(env.OAC_HOME, 'engines/dual-4090/primary.sh'), 'utf8')
    expect(script).toContain(`--lora-modules mycode=${adapter}`)
    // The smoke request went to the tuned model by its name (the stand-in answers 404 to a model it does not serve).
    expect(r.stdout).toMatch(/dual-4090-mycode: (?!endpoint)/)
    const store = Store.open(join(env.OAC_HOME, 'oac.db'))
    const endpoints = store.listEndpoints()
    store.close()
    expect(endpoints.map((e) => [e.name, e.url, e.model])).toContainEqual([
      'dual-4090-mycode',
      `http://127.0.0.1:${basePort}/v1`,
      'mycode',
    ])
    expect(endpoints.find((e) => e.name === 'dual-4090-primary')?.model).toBe('qwen3-coder-30b-a3b')
  }, 180_000)
})
