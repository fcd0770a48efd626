import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {delimiter, join} from 'node:path'
import {execa} from 'execa'
import {afterAll, describe, expect, it} from 'vitest'
import {PINS} from '../../src/engines/pins.js'
import {emitAnsible} from '../../src/provision/ansible.js'
import {buildSetup} from '../../src/provision/setup.js'
import {runCli} from '../support/run-cli.js'
import {repoRoot, writeFakeTools} from './fakes.js'

// ansible/: the committed profile variables match what `oac setup --emit-ansible` writes, the playbook passes
// --syntax-check, a --check run against localhost (fake vendor tools on PATH) succeeds and changes nothing, and
// ansible-lint --offline is clean. The Ansible tests are skipped where Ansible is not installed.

const has = (tool: string) => execa('sh', ['-c', `command -v ${tool}`], {reject: false}).then((r) => r.exitCode === 0)
const [playbook, lint] = await Promise.all([has('ansible-playbook'), has('ansible-lint')])
const dir = mkdtempSync(join(tmpdir(), 'oac-ansible-'))
const home = '/home/oac-test'
const goldenEnv = {
  HOME: home,
  OAC_HOME: `${home}/.local/share/oac`,
  XDG_CONFIG_HOME: `${home}/.config`,
  HF_ENDPOINT: '',
  HF_TOKEN: '',
}
const cases = [
  {profile: 'rtx5090', box: 'rtx5090'},
  {profile: 'dual-4090', box: 'dual-4090'},
  {profile: 'm4-max', box: 'm4-max-128'},
]

afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('oac setup --emit-ansible', () => {
  for (const {profile, box} of cases)
    it(`ansible/vars/${profile}.yml is what ${profile} on ${box} emits`, async () => {
      const {ctx} = await buildSetup({profile, hardwarePath: join(repoRoot, 'fixtures/hardware', box), env: goldenEnv})
      const path = emitAnsible(ctx, join(dir, 'golden-vars'))
      const text = readFileSync(path, 'utf8')
      expect(text).not.toContain(home)
      expect(text).toContain('{{ oac_home }}/engines/')
      expect(text).toBe(readFileSync(join(repoRoot, 'ansible/vars', `${profile}.yml`), 'utf8'))
    })
})

describe.skipIf(!playbook)('ansible/site.yml', () => {
  const bin = join(dir, 'bin')
  const vars = join(dir, 'vars')
  const env = {
    HOME: join(dir, 'home'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    HF_HOME: join(dir, 'hf'),
    PATH: `${bin}${delimiter}${process.env.PATH}`,
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_LOCAL_TEMP: join(dir, 'ansible-tmp'),
  }
  const inventory = join(dir, 'inventory.yml')
  const oacHome = join(dir, 'oac')

  it('--emit-ansible writes the variables of a profile', async () => {
    const r = await runCli(
      ['setup', '--profile', 'dual-4090', '--hardware', 'fixtures/hardware/dual-4090', '--emit-ansible', vars],
      {env: {...env, OAC_HOME: oacHome}},
    )
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain(join(vars, 'dual-4090.yml'))
    expect(readFileSync(join(vars, 'dual-4090.yml'), 'utf8')).toContain('oac_engine: vllm')
    writeFileSync(
      inventory,
      `all:
  children:
    oac_engines:
      hosts:
        localhost:
          ansible_connection: local
          ansible_python_interpreter: /usr/bin/python3
          oac_profile: dual-4090
          oac_vars_dir: ${vars}
          oac_home: ${oacHome}
          oac_systemd_user_dir: ${join(env.XDG_CONFIG_HOME, 'systemd/user')}
`,
    )
    writeFakeTools(bin, join(dir, 'calls.log'), join(dir, 'systemd-state'))
  })

  it('passes --syntax-check', async () => {
    const r = await execa('ansible-playbook', ['-i', inventory, 'ansible/site.yml', '--syntax-check'], {
      cwd: repoRoot,
      env,
      reject: false,
    })
    expect(r.stderr).not.toMatch(/ERROR/)
    expect(r.exitCode).toBe(0)
  }, 120_000)

  it('runs in --check mode against localhost and changes nothing', async () => {
    const r = await execa('ansible-playbook', ['-i', inventory, 'ansible/site.yml', '-c', 'local', '--check'], {
      cwd: repoRoot,
      env,
      reject: false,
    })
    expect(r.stdout).toMatch(/localhost\s+: ok=\d+\s+changed=\d+\s+unreachable=0\s+failed=0/)
    expect(r.exitCode).toBe(0)
    expect(existsSync(oacHome)).toBe(false)
    const calls = readFileSync(join(dir, 'calls.log'), 'utf8')
    expect(calls).toContain('nvidia-smi --query-gpu=name,driver_version --format=csv,noheader')
    expect(calls).toContain('vllm --version')
    // The stand-in vllm says 0.11.0: kept, and named against the pin (in Ansible's JSON-quoted msg).
    expect(r.stdout).toContain(`says \\"0.11.0\\", not ${PINS.vllm.version}: kept as it is`)
    expect(calls).not.toMatch(/systemctl --user (start|restart)|hf download/)
  }, 180_000)

  it.skipIf(!lint)(
    'is clean under ansible-lint --offline',
    async () => {
      const r = await execa('ansible-lint', ['--offline', '--nocolor'], {
        cwd: join(repoRoot, 'ansible'),
        env: {...env, HOME: process.env.HOME ?? env.HOME},
        reject: false,
      })
      expect(`${r.stdout}\n${r.stderr}`).toMatch(/Passed/)
      expect(r.exitCode).toBe(0)
    },
    180_000,
  )
})
