import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {afterAll, describe, expect, it} from 'vitest'
import {planFleetFromInventory} from '../../src/fleet/load-fleet.js'

// ansible/fleet.yml against three hosts that are local connections with their own vars (folders under a temp dir):
// --syntax-check, ansible-lint and a --check run that changes nothing. Nothing leaves this machine.
const has = (tool: string) => execa('sh', ['-c', `command -v ${tool}`], {reject: false}).then((r) => r.exitCode === 0)
const [playbook, lint] = await Promise.all([has('ansible-playbook'), has('ansible-lint')])
const repoRoot = join(import.meta.dirname, '../..')
const dir = mkdtempSync(join(tmpdir(), 'oac-fleet-ansible-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

const plan = planFleetFromInventory(join(import.meta.dirname, 'inventories', 'mixed-rpc.yml'), {model: 'gpt-oss-120b'})
const hosts = ['rig-5090', 'rig-4090', 'spare']
const inventory = join(dir, 'inventory.yml')
const host = (name: string) => `        ${name}:
          ansible_connection: local
          ansible_python_interpreter: /usr/bin/python3
          oac_home: ${join(dir, name, 'oac')}
          oac_systemd_user_dir: ${join(dir, name, 'systemd')}`
writeFileSync(
  inventory,
  `all:
  children:
    oac_fleet:
      vars:
        oac_fleet_launch: ${JSON.stringify(plan.launch)}
        oac_fleet_files: ${JSON.stringify([{host: 'spare', path: 'hosts.json', content: '[]\n'}])}
      hosts:
${hosts.map(host).join('\n')}
`,
)
const env = {
  ...process.env,
  ANSIBLE_NOCOLOR: '1',
  ANSIBLE_LOCAL_TEMP: join(dir, 'ansible-tmp'),
  HOME: join(dir, 'home'),
}

describe.skipIf(!playbook)('ansible/fleet.yml', () => {
  it('passes --syntax-check', async () => {
    const r = await execa('ansible-playbook', ['-i', inventory, 'ansible/fleet.yml', '--syntax-check'], {
      cwd: repoRoot,
      env,
      reject: false,
    })
    expect(r.stderr).not.toMatch(/ERROR/)
    expect(r.exitCode).toBe(0)
  }, 120_000)

  it('runs in --check mode on three local hosts, each step only on its host, and writes nothing', async () => {
    const r = await execa('ansible-playbook', ['-i', inventory, 'ansible/fleet.yml', '--check', '-v'], {
      cwd: repoRoot,
      env,
      reject: false,
    })
    for (const name of hosts)
      expect(r.stdout).toMatch(new RegExp(`${name}\\s+: ok=\\d+\\s+changed=\\d+\\s+unreachable=0\\s+failed=0`))
    expect(r.exitCode).toBe(0)
    // rpc-server is step 0 on rig-4090, llama-server step 1 on rig-5090; spare runs neither.
    expect(r.stdout).toMatch(/changed: \[rig-4090\] => \(item=0 rig-4090 rpc-server\)/)
    expect(r.stdout).toMatch(/changed: \[rig-5090\] => \(item=1 rig-5090 llama-server\)/)
    expect(r.stdout).not.toMatch(/changed: \[spare\] => \(item=\d/)
    for (const name of hosts) expect(existsSync(join(dir, name))).toBe(false)
  }, 180_000)

  it.skipIf(!lint)(
    'is clean under ansible-lint --offline',
    async () => {
      const r = await execa('ansible-lint', ['--offline', '--nocolor', 'fleet.yml'], {
        cwd: join(repoRoot, 'ansible'),
        env: {...env, HOME: process.env.HOME ?? ''},
        reject: false,
      })
      expect(`${r.stdout}\n${r.stderr}`).toMatch(/Passed/)
      expect(r.exitCode).toBe(0)
    },
    180_000,
  )
})
