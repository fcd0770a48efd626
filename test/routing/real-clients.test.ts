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

// Real coding agents from npm, run headless through oac router against scripted `oac sim` replies: each must
// finish a tool-use task (write hello.txt with its own shell tool, then report). The clients live in
// .ci/clients (installed by .ci/run, never oac's dependencies); a missing client is skipped with the install
// command, or fails under .ci/run (test/support/ci-clients.ts).

const ROOT = new URL('../..', import.meta.url).pathname
const fixture = (name: string) => loadScript(join(ROOT, 'fixtures/clients', `${name}.yaml`))

const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

/** A sim serving `local` with the client's script, a router in front of it, and a scratch home and project. */
async function setup(script: string) {
  const sim = await startSim({port: 0, ttftMs: 1, itlMs: 0, models: ['local']}, fixture(script))
  cleanup.push(() => sim.close())
  const config = routingConfigSchema.parse({
    upstreams: [{name: 'sim', url: sim.baseUrl, models: ['local']}],
    routes: [{match: {model: '*'}, to: 'sim/local'}],
  })
  const events: RouterEvent[] = []
  const router = await startRouter({config, host: '127.0.0.1', port: 0, onEvent: (e) => events.push(e)})
  cleanup.push(() => router.close())
  const dir = mkdtempSync(join(tmpdir(), `oac-${script}-`))
  cleanup.push(() => rmSync(dir, {recursive: true, force: true}))
  const home = join(dir, 'home')
  const project = join(dir, 'project')
  mkdirSync(home)
  mkdirSync(project)
  // PWD too: OpenCode takes its project folder from PWD, not from the process cwd.
  const env = {
    PWD: project,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local/state'),
  }
  return {router, events, home, project, env}
}

const requests = (events: RouterEvent[], api: string) =>
  events.filter((e) => e.type === 'request' && e.api === api && e.status === 200)

describe('real clients through oac router', {timeout: 180_000}, () => {
  it('Claude Code (claude -p) finishes a Bash tool task over the Anthropic Messages API', async (ctx) => {
    const bin = ciClient(ctx, 'claude')
    const s = await setup('claude-code')
    const run = await execa(
      bin,
      ['-p', 'Create hello.txt containing hi', '--allowedTools', 'Bash', '--output-format', 'json'],
      {
        cwd: s.project,
        env: {
          ...s.env,
          ANTHROPIC_BASE_URL: s.router.url,
          ANTHROPIC_API_KEY: 'sk-local-test',
          DISABLE_AUTOUPDATER: '1',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        },
        timeout: 100_000,
        reject: false,
        stdin: 'ignore',
      },
    )
    const result = JSON.parse(run.stdout) as {result: string; is_error: boolean}
    expect(result).toMatchObject({is_error: false, result: 'Done: hello.txt says hi.'})
    expect(readFileSync(join(s.project, 'hello.txt'), 'utf8')).toBe('hi\n')
    expect(requests(s.events, 'messages').length).toBeGreaterThanOrEqual(2)
  })

  it('Codex (codex exec) finishes an exec_command task over the Responses API', async (ctx) => {
    const bin = ciClient(ctx, 'codex')
    const s = await setup('codex')
    const codexHome = join(s.home, '.codex')
    mkdirSync(codexHome)
    writeFileSync(
      join(codexHome, 'config.toml'),
      `model = "local"\nmodel_provider = "oac"\n\n[model_providers.oac]\nname = "oac router"\nbase_url = "${s.router.baseUrl}"\nwire_api = "responses"\n`,
    )
    const run = await execa(
      bin,
      ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', 'Create hello.txt containing hi'],
      {cwd: s.project, env: {...s.env, CODEX_HOME: codexHome}, timeout: 100_000, reject: false, stdin: 'ignore'},
    )
    expect(run.stdout).toContain('Done: hello.txt says hi.')
    expect(readFileSync(join(s.project, 'hello.txt'), 'utf8')).toBe('hi\n')
    expect(requests(s.events, 'responses').length).toBeGreaterThanOrEqual(2)
  })

  it('OpenCode (opencode run) finishes a bash tool task over Chat Completions', async (ctx) => {
    const bin = ciClient(ctx, 'opencode')
    const s = await setup('opencode')
    const configDir = join(s.home, '.config/opencode')
    mkdirSync(configDir, {recursive: true})
    const provider = {
      npm: '@ai-sdk/openai-compatible',
      name: 'oac router',
      options: {baseURL: s.router.baseUrl, apiKey: 'sk-local-test'},
      models: {local: {name: 'local', tool_call: true, limit: {context: 131072, output: 8192}}},
    }
    writeFileSync(
      join(configDir, 'opencode.json'),
      JSON.stringify({
        provider: {oac: provider},
        model: 'oac/local',
        small_model: 'oac/local',
        autoupdate: false,
        share: 'disabled',
      }),
    )
    const run = await execa(bin, ['run', 'Create hello.txt containing hi'], {
      cwd: s.project,
      env: {...s.env, OPENCODE_DISABLE_MODELS_FETCH: '1', OPENCODE_DISABLE_AUTOUPDATE: '1'},
      timeout: 100_000,
      reject: false,
      stdin: 'ignore',
    })
    expect(run.stdout, run.stderr).toContain('Done: hello.txt says hi.')
    expect(readFileSync(join(s.project, 'hello.txt'), 'utf8')).toBe('hi\n')
    expect(requests(s.events, 'chat').length).toBeGreaterThanOrEqual(2)
  })
})
