import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {afterEach, describe, expect, it} from 'vitest'
import {loadScript} from '../../src/engines/sim/script.js'
import {startSim} from '../../src/engines/sim.js'
import {routingConfigSchema} from '../../src/routing/config.js'
import {type RouterEvent, startRouter} from '../../src/routing/router/server.js'
import {ciClient} from '../support/ci-clients.js'
import {runCli} from '../support/run-cli.js'

// After `oac route apply`, real clients from npm finish a scripted tool task through oac router using only the
// config files apply wrote: their environment holds a scratch HOME and PATH, no base URL, key or model. The
// clients live in .ci/clients (installed by .ci/run, never oac's dependencies); a missing client is skipped with the
// install command, or fails under .ci/run (test/support/ci-clients.ts).

const ROOT = new URL('../..', import.meta.url).pathname

const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

/** The client's scripted sim (model `local`), a router in front, and `oac route apply` run for that client. */
async function applied(name: 'claude-code' | 'codex' | 'opencode') {
  const sim = await startSim(
    {port: 0, ttftMs: 1, itlMs: 0, models: ['local']},
    loadScript(join(ROOT, 'fixtures/clients', `${name}.yaml`)),
  )
  cleanup.push(() => sim.close())
  const events: RouterEvent[] = []
  const config = routingConfigSchema.parse({upstreams: [{name: 'sim', url: sim.baseUrl, models: ['local']}]})
  const router = await startRouter({config, host: '127.0.0.1', port: 0, onEvent: (e) => events.push(e)})
  cleanup.push(() => router.close())
  const dir = mkdtempSync(join(tmpdir(), `oac-apply-${name}-`))
  cleanup.push(() => rmSync(dir, {recursive: true, force: true}))
  const home = join(dir, 'home')
  const project = join(dir, 'project')
  mkdirSync(home)
  mkdirSync(project)
  const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_CONFIG_HOME: join(home, '.config')}
  const apply = await runCli(['route', 'apply', '--clients', name, '--model', 'local', '--router', router.url], {
    env: {...env, OAC_HOME: join(dir, 'oac')},
  })
  expect(apply.exitCode, `${apply.stdout}\n${apply.stderr}`).toBe(0)
  const served = (api: string) => events.filter((e) => e.type === 'request' && e.api === api && e.status === 200)
  return {env, project, served}
}

const run = (bin: string, args: string[], s: {env: Record<string, string>; project: string}, extra = {}) =>
  execa(bin, args, {
    cwd: s.project,
    env: {...s.env, ...extra},
    extendEnv: false,
    timeout: 120_000,
    reject: false,
    stdin: 'ignore',
  })

describe('real clients on the configs oac route apply wrote', {timeout: 180_000}, () => {
  it('Claude Code: claude -p reaches the router from ~/.claude/settings.json alone', async (ctx) => {
    const bin = ciClient(ctx, 'claude')
    const s = await applied('claude-code')
    const r = await run(bin, ['-p', 'Create hello.txt containing hi', '--allowedTools', 'Bash'], s)
    expect(r.stdout, r.stderr).toContain('Done: hello.txt says hi.')
    expect(readFileSync(join(s.project, 'hello.txt'), 'utf8')).toBe('hi\n')
    expect(s.served('messages').length).toBeGreaterThanOrEqual(2)
  })

  it('Codex: codex exec uses the Responses provider from ~/.codex/config.toml', async (ctx) => {
    const bin = ciClient(ctx, 'codex')
    const s = await applied('codex')
    const r = await run(
      bin,
      ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', 'Create hello.txt containing hi'],
      s,
    )
    expect(r.stdout, r.stderr).toContain('Done: hello.txt says hi.')
    expect(readFileSync(join(s.project, 'hello.txt'), 'utf8')).toBe('hi\n')
    expect(s.served('responses').length).toBeGreaterThanOrEqual(2)
  })

  it('OpenCode: opencode run uses the provider from ~/.config/opencode/opencode.json', async (ctx) => {
    const bin = ciClient(ctx, 'opencode')
    const s = await applied('opencode')
    // Not routing: OpenCode otherwise fetches its model catalogue from the internet, which this box cannot reach.
    const r = await run(bin, ['run', 'Create hello.txt containing hi'], s, {OPENCODE_DISABLE_MODELS_FETCH: '1'})
    expect(r.stdout, r.stderr).toContain('Done: hello.txt says hi.')
    expect(readFileSync(join(s.project, 'hello.txt'), 'utf8')).toBe('hi\n')
    expect(s.served('chat').length).toBeGreaterThanOrEqual(2)
  })

  it("OpenCode's own schema (opencode debug config) accepts the written file, and rejects it once broken", async (ctx) => {
    const bin = ciClient(ctx, 'opencode')
    const s = await applied('opencode')
    const file = join(s.env.XDG_CONFIG_HOME, 'opencode', 'opencode.json')
    const offline = {OPENCODE_DISABLE_MODELS_FETCH: '1'}
    const ok = await run(bin, ['debug', 'config'], s, offline)
    expect(ok.exitCode, ok.stderr).toBe(0)
    expect(JSON.parse(ok.stdout).model).toBe('oac/local')
    writeFileSync(file, readFileSync(file, 'utf8').replace('"tool_call": true', '"tool_call": "yes"'))
    const broken = await run(bin, ['debug', 'config'], s, offline)
    expect(broken.exitCode).toBe(1)
    expect(broken.stderr + broken.stdout).toContain('Configuration is invalid')
  })
})
