import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {loadInventory} from '../../src/fleet/inventory.js'
import {fleetStatus, renderFleetStatus} from '../../src/fleet/status.js'
import {parsePrometheus} from '../../src/provision/metrics.js'
import {runCli} from '../support/run-cli.js'
import {type CliServer, startCliServer, startSimProcess} from '../support/sim-process.js'

// Three fleet "hosts" on loopback: two `oac sim` engines and a port nobody listens on (a host that is down).
const dir = mkdtempSync(join(tmpdir(), 'oac-fleet-sims-'))
const env = {HOME: dir, OAC_HOME: join(dir, 'oac'), OAC_CONFIG_DIR: join(dir, 'config')}
const inventory = join(dir, 'inventory.yml')
const sims: CliServer[] = []
let router: CliServer | undefined

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const {port} = s.address() as {port: number}
      s.close(() => resolve(port))
    })
  })

beforeAll(async () => {
  sims.push(...(await Promise.all([0, 1].map(() => startSimProcess(['--model', 'fleet-model', '--itl-ms', '1'])))))
  const [a, b] = sims.map((s) => Number(new URL(s.url).port))
  const dead = await freePort()
  writeFileSync(
    inventory,
    `all:
  vars: {oac_profile: dual-4090, oac_link_gbps: 10, ansible_host: 127.0.0.1}
  hosts:
    sim-a: {oac_port: ${a}}
    sim-b: {oac_port: ${b}}
    sim-c: {oac_port: ${dead}, oac_model: fleet-model}
`,
  )
}, 60_000)

afterAll(async () => {
  await Promise.all([...sims, ...(router ? [router] : [])].map((s) => s.stop()))
})

describe('a fleet of three simulated hosts, one down', () => {
  it('status shows the two engines healthy with their model and the third down', async () => {
    const rows = await fleetStatus(loadInventory(inventory).hosts, 0)
    expect(rows.map((r) => [r.host, r.healthy, r.model ?? null])).toEqual([
      ['sim-a', true, 'fleet-model'],
      ['sim-b', true, 'fleet-model'],
      ['sim-c', false, null],
    ])
    expect(rows[0]?.running).toBe(0)
    expect(renderFleetStatus(rows)).toContain('2 of 3 hosts healthy; down: sim-c')
  })

  it('oac fleet status exits 1 while a host is down', async () => {
    const run = await runCli(['fleet', 'status', '-i', inventory, '--interval', '0', '--json'], {env})
    expect(run.exitCode).toBe(1)
    expect(JSON.parse(run.stdout).map((r: {healthy: boolean}) => r.healthy)).toEqual([true, true, false])
  })

  it('route pick --fleet takes the inventory hosts answering now as candidates and lists the one down', async () => {
    const run = await runCli(['route', 'pick', '--fleet', inventory, '--json'], {env})
    expect(run.exitCode, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result.fleet.map((f: {host: string}) => f.host)).toEqual(['sim-a', 'sim-b', 'sim-c'])
    expect(result.candidates.map((c: {id: string}) => c.id)).toEqual(sims.map((s) => `fleet-model@${s.baseUrl}`))
    expect(result.unreachable).toHaveLength(1)
    expect(result.unreachable[0].reason).toMatch(/does not answer/)
    // No stored run measured any host: nothing is chosen, and the commands that would measure them are named.
    expect(result.classes[0].chosen).toBeUndefined()
  }, 60_000)

  it('fleet route writes all three upstreams, and the router sends every request to the two live ones', async () => {
    const file = join(dir, 'routing.yaml')
    const run = await runCli(['fleet', 'route', '-i', inventory, '-o', file], {env})
    expect(run.exitCode).toBe(0)
    const config = parse(readFileSync(file, 'utf8'))
    expect(config.upstreams.map((u: {name: string}) => u.name)).toEqual(['sim-a', 'sim-b', 'sim-c'])
    expect(config.routes).toEqual([{to: 'fleet-model'}])
    router = await startCliServer(['router', '-c', file, '--port', '0', '--quiet'], env)
    const replies = await Promise.all(
      Array.from({length: 8}, () =>
        fetch(`${router?.baseUrl}/chat/completions`, {
          method: 'POST',
          headers: {'content-type': 'application/json'},
          body: JSON.stringify({model: 'fleet-model', max_tokens: 8, messages: [{role: 'user', content: 'hi'}]}),
        }),
      ),
    )
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200))
    // Each live host took some of the load (least outstanding requests), and none failed.
    for (const sim of sims) {
      const m = parsePrometheus(await (await fetch(`${sim.url}/metrics`)).text())
      expect(m.get('vllm:request_success_total')).toBeGreaterThan(0)
    }
  }, 60_000)

  it('oac bench through the router reports each live upstream, and none for the host that is down', async () => {
    expect(router).toBeDefined()
    const args = ['--model', 'fleet-model', '--concurrency', '4', '--num-prompts', '24', '--warmup', '0']
    const run = await runCli(
      ['bench', '--endpoint', `${router?.baseUrl}`, ...args, '--input-len', '16', '--output-len', '8', '--no-save'],
      {env},
    )
    expect(run.exitCode, run.stderr).toBe(0)
    const text = await runCli(['bench', '--endpoint', `${router?.baseUrl}`, ...args, '--no-save', '--json'], {env})
    const [point] = JSON.parse(text.stdout).runs
    expect(point.completed).toBe(24)
    const upstreams = point.upstreams as Record<string, {completed: number; share: number}>
    expect(Object.keys(upstreams)).toEqual(['sim-a/fleet-model', 'sim-b/fleet-model'])
    // Every successful request is accounted to one upstream, and both live hosts took a share.
    expect(Object.values(upstreams).reduce((n, u) => n + u.completed, 0)).toBe(24)
    for (const u of Object.values(upstreams)) expect(u.completed).toBeGreaterThan(0)
    expect(run.stdout).toMatch(/upstream sim-a\/fleet-model: \d+ requests \(\d+\.\d%\)/)
    expect(run.stdout).toMatch(/upstream sim-b\/fleet-model: \d+ requests/)
    expect(run.stdout).not.toContain('sim-c')
  }, 60_000)
})
