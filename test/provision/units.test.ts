import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {type EngineConfig, type ServerConfig, selectServers} from '../../src/provision/config.js'
import {launchdPlist, launchScript, systemdUnit} from '../../src/provision/files.js'
import {engineMetrics, parsePrometheus, tokensPerSecond} from '../../src/provision/metrics.js'
import {createRunner, displayCommand, sh, shellQuote} from '../../src/provision/runner.js'
import {startCommands, stopCommands} from '../../src/provision/service-control.js'
import {renderStatus} from '../../src/provision/status.js'
import {writeFakeTools} from './fakes.js'

const dir = mkdtempSync(join(tmpdir(), 'oac-provision-units-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

const server: ServerConfig = {
  name: 'p-primary',
  role: 'primary',
  model: 'm',
  servedName: 'm',
  quantization: 'Q4_K_M',
  context: 4096,
  kind: 'chat',
  port: 8080,
  baseUrl: 'http://127.0.0.1:8080/v1',
  healthUrl: 'http://127.0.0.1:8080/health',
  command: ['llama-server', '-m', '/models/a b.gguf', '--port', '8080', '--metrics', '-ts', '1,1'],
  env: {NCCL_P2P_DISABLE: '1'},
  script: '/oac/engines/p/primary.sh',
  log: '/oac/engines/p/logs/primary.log',
  service: {manager: 'systemd', name: 'oac-p-primary.service', file: '/cfg/systemd/user/oac-p-primary.service'},
}
const config: EngineConfig = {
  version: 1,
  profile: 'p',
  engine: 'llamacpp',
  platform: 'linux',
  path: ['/oac/llama.cpp/build/bin'],
  servers: [server],
}

describe('runner', () => {
  it('quotes words for the shell and shows sh -c lines as typed', () => {
    expect(shellQuote('plain-word_1.0')).toBe('plain-word_1.0')
    expect(shellQuote("it's here")).toBe(`'it'\\''s here'`)
    expect(displayCommand(['vllm', 'serve', 'a b'])).toBe("vllm serve 'a b'")
    expect(displayCommand(sh('curl -fsSL x | sh'))).toBe('curl -fsSL x | sh')
  })

  it('runs through a fake PATH, reports exit codes and missing tools', async () => {
    const bin = join(dir, 'bin')
    writeFakeTools(bin, join(dir, 'calls.log'), join(dir, 'state'))
    const runner = createRunner({pathPrepend: [bin], env: {PATH: '/usr/bin:/bin'}})
    const smi = await runner.run(['nvidia-smi', '--query-gpu=name'])
    expect(smi.exitCode).toBe(0)
    expect(smi.stdout).toContain('RTX 4090')
    expect(await runner.answers(['vllm', '--version'])).toBe(true)
    expect(await runner.answers(['no-such-tool-oac'])).toBe(false)
    await expect(runner.check(sh('echo oops >&2; exit 3'))).rejects.toThrow(/exit 3[\s\S]*oops/)
  })
})

describe('files', () => {
  it('writes a launch script with PATH, the env and one flag per line', () => {
    expect(launchScript(config, server)).toBe(`#!/bin/sh
# oac p primary: llamacpp serving m on port 8080.
# Written by \`oac setup\`; change the profile and run it again rather than editing this file.
set -e
export PATH=/oac/llama.cpp/build/bin:"$PATH"
export NCCL_P2P_DISABLE=1
exec llama-server \\
  -m '/models/a b.gguf' \\
  --port 8080 \\
  --metrics \\
  -ts 1,1
`)
  })

  it('writes a systemd unit and a launchd plist that run the script and append to the log', () => {
    const unit = systemdUnit(config, server)
    expect(unit).toContain('ExecStart=/oac/engines/p/primary.sh')
    expect(unit).toContain('StandardOutput=append:/oac/engines/p/logs/primary.log')
    expect(unit).toContain('WantedBy=default.target')
    const plist = launchdPlist(config, server, 'dev.oac.p-primary')
    expect(plist).toContain('<string>dev.oac.p-primary</string>')
    expect(plist).toContain('<string>/oac/engines/p/primary.sh</string>')
  })

  it('starts and stops through systemctl --user or launchctl', () => {
    expect(startCommands(server).map(displayCommand)).toEqual([
      'systemctl --user enable oac-p-primary.service',
      'systemctl --user restart oac-p-primary.service',
    ])
    const agent: ServerConfig = {
      ...server,
      service: {manager: 'launchd', name: 'dev.oac.p-primary', file: '/L/a.plist'},
    }
    expect(startCommands(agent).map(displayCommand)).toEqual([
      'launchctl bootout gui/$(id -u)/dev.oac.p-primary 2>/dev/null || true',
      'launchctl bootstrap gui/$(id -u) /L/a.plist',
    ])
    expect(stopCommands(agent).map(displayCommand)).toEqual(['launchctl bootout gui/$(id -u)/dev.oac.p-primary'])
  })
})

describe('metrics', () => {
  const text = `# TYPE vllm:num_requests_running gauge
vllm:num_requests_running{model_name="a"} 2
vllm:num_requests_running{model_name="b"} 1
vllm:num_requests_waiting{model_name="a"} 3
vllm:generation_tokens_total{model_name="a"} 1000
vllm:prompt_tokens_total{model_name="a"} 5e3
`
  it('sums vLLM metrics across labels', () => {
    expect(parsePrometheus(text).get('vllm:num_requests_running')).toBe(3)
    expect(engineMetrics(text)).toEqual({running: 3, waiting: 3, generationTokens: 1000, promptTokens: 5000})
  })

  it('computes tok/s from two samples', () => {
    expect(tokensPerSecond({generationTokens: 1000}, {generationTokens: 1500}, 0.5)).toBe(1000)
    expect(tokensPerSecond({}, {generationTokens: 1}, 1)).toBeUndefined()
  })

  it('renders a status table', () => {
    const table = renderStatus([
      {
        name: 'p-primary',
        engine: 'llamacpp',
        service: 'oac-p-primary.service',
        active: true,
        healthy: true,
        url: server.baseUrl,
        model: 'm',
        context: 4096,
        running: 1,
        waiting: 0,
        tokensPerSecond: 42.5,
      },
    ])
    expect(table.split('\n')[1]).toMatch(/^p-primary\s+active\s+healthy\s+m\s+4096\s+1\s+0\s+42\.5\s+http/)
  })
})

describe('selectServers', () => {
  const env = {OAC_HOME: join(dir, 'oac')}
  mkdirSync(join(env.OAC_HOME, 'engines/p'), {recursive: true})
  writeFileSync(join(env.OAC_HOME, 'engines/p/engine.json'), JSON.stringify(config))

  it('selects by profile, by endpoint name or all', () => {
    expect(selectServers(undefined, env).map((s) => s.server.name)).toEqual(['p-primary'])
    expect(selectServers('p', env)).toHaveLength(1)
    expect(selectServers('p-primary', env)).toHaveLength(1)
    expect(() => selectServers('nope', env)).toThrow(/no provisioned engine nope; known: p-primary/)
  })
})

describe('disk pitfall', () => {
  it('stops setup when the models do not fit on the disk, and says how much is needed', async () => {
    const {diskPitfalls} = await import('../../src/provision/disk-pitfall.js')
    const {resolvePlan} = await import('../../src/profiles/resolve.js')
    const {hardware, plan} = await resolvePlan({profile: 'rtx5090', hardwarePath: 'fixtures/hardware/rtx5090'})
    expect(diskPitfalls(hardware, plan)).toEqual([])
    const [p] = diskPitfalls({...hardware, diskFreeGiB: 5}, plan)
    expect(p).toMatchObject({id: 'disk-space', severity: 'error'})
    expect(p?.message).toMatch(/they need about \d+\.\d GiB, 5 GiB is free/)
    expect(diskPitfalls({...hardware, diskFreeGiB: undefined}, plan)).toEqual([])
  })
})
