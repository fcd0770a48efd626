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

// After `oac route apply`, real clients from npm finish a two-step tool task through oac router using only the
// config files apply wrote (their environment holds a scratch HOME and PATH, no base URL, key, model or limit),
// against an engine with a 32,768-token context whose tool calls carry the same id (`call_0`) on every turn. That is
// what real clients tripped on (issue 26): Claude Code asked 32,000 tokens of reply of a 32k engine and was told
// "prompt is too long", and dropped a repeated tool_use id and looped. The clients live in .ci/clients (installed by
// .ci/run, never oac's dependencies); a missing one is skipped with the install command, or fails under .ci/run.

const ROOT = new URL('../..', import.meta.url).pathname
const CONTEXT = 32_768
const TASK = 'Create hello.txt containing hi, then append bye'

const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

type Client = 'claude-code' | 'codex' | 'opencode' | 'qwen-code'

/** The client's two-step script on a 32k sim (model `local`), a router in front, and `oac route apply` for it. */
async function applied(client: Client) {
  const dir = mkdtempSync(join(tmpdir(), `oac-apply-${client}-`))
  cleanup.push(() => rmSync(dir, {recursive: true, force: true}))
  const log = join(dir, 'sim.jsonl')
  const sim = await startSim(
    {port: 0, ttftMs: 1, itlMs: 0, models: ['local'], context: CONTEXT, log},
    loadScript(join(ROOT, 'fixtures/clients', `two-step-${client}.yaml`)),
  )
  cleanup.push(() => sim.close())
  const events: RouterEvent[] = []
  const config = routingConfigSchema.parse({upstreams: [{name: 'sim', url: sim.baseUrl, models: ['local']}]})
  const router = await startRouter({config, host: '127.0.0.1', port: 0, onEvent: (e) => events.push(e)})
  cleanup.push(() => router.close())
  await router.checkHealth()
  const home = join(dir, 'home')
  const project = join(dir, 'project')
  mkdirSync(home)
  mkdirSync(project)
  const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_CONFIG_HOME: join(home, '.config')}
  const apply = await runCli(['route', 'apply', '--clients', client, '--model', 'local', '--router', router.url], {
    env: {...env, OAC_HOME: join(dir, 'oac')},
  })
  expect(apply.exitCode, `${apply.stdout}\n${apply.stderr}`).toBe(0)
  // The limits come from the context the router serves `local` with.
  expect(apply.stdout).toContain(`local: context ${CONTEXT} (the router's /v1/models), replies up to 8192`)
  const requests = () => events.filter((e) => e.type === 'request')
  /** The tool-call ids of the upstream's last request's history. */
  const upstreamIds = () => {
    const lines = readFileSync(log, 'utf8').trim().split('\n')
    const last = JSON.parse(lines[lines.length - 1] as string) as {messages: {tool_calls?: {id: string}[]}[]}
    return last.messages.flatMap((m) => (m.tool_calls ?? []).map((c) => c.id))
  }
  return {env, home, project, requests, upstreamIds}
}

const run = (bin: string, args: string[], s: {env: Record<string, string>; project: string}, extra = {}) =>
  execa(bin, args, {
    cwd: s.project,
    env: {...s.env, ...extra},
    extendEnv: false,
    timeout: 150_000,
    reject: false,
    stdin: 'ignore',
  })

/** Both steps ran, every request through the router was answered, and the reply came back. */
function finished(s: Awaited<ReturnType<typeof applied>>, api: string, out: {stdout: string; stderr: string}) {
  expect(out.stdout, `${out.stdout}\n${out.stderr}`).toContain('Done: hello.txt has two lines.')
  expect(readFileSync(join(s.project, 'hello.txt'), 'utf8')).toBe('hi\nbye\n')
  const ours = s.requests().filter((e) => e.type === 'request' && e.api === api)
  expect(ours.length).toBeGreaterThanOrEqual(3)
  expect(s.requests().filter((e) => e.type === 'request' && e.status !== 200)).toEqual([])
}

describe('real clients, two tool steps, after oac route apply', {timeout: 240_000}, () => {
  it('Claude Code: claude -p, from ~/.claude/settings.json alone', async (ctx) => {
    const bin = ciClient(ctx, 'claude')
    const s = await applied('claude-code')
    const settings = JSON.parse(readFileSync(join(s.home, '.claude', 'settings.json'), 'utf8'))
    expect(settings.env).toMatchObject({CLAUDE_CODE_MAX_OUTPUT_TOKENS: '8192'})
    const r = await run(bin, ['-p', TASK, '--allowedTools', 'Bash'], s)
    finished(s, 'messages', r)
    // The engine said call_0 both times; the router gave each call its own id, which came back in the history.
    const ids = s.upstreamIds()
    expect(ids).toHaveLength(2)
    expect(new Set(ids).size).toBe(2)
    for (const id of ids) expect(id).toMatch(/^toolu_01/)
  })

  it('Codex: codex exec, with the Responses provider from ~/.codex/config.toml', async (ctx) => {
    const bin = ciClient(ctx, 'codex')
    const s = await applied('codex')
    const r = await run(bin, ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', TASK], s)
    finished(s, 'responses', r)
    const ids = s.upstreamIds()
    expect(ids).toHaveLength(2)
    expect(new Set(ids).size).toBe(2)
  })

  it('OpenCode: opencode run, with the provider from ~/.config/opencode/opencode.json', async (ctx) => {
    const bin = ciClient(ctx, 'opencode')
    const s = await applied('opencode')
    // Not routing: OpenCode otherwise fetches its model catalogue from the internet, which this box cannot reach.
    const r = await run(bin, ['run', TASK], s, {OPENCODE_DISABLE_MODELS_FETCH: '1'})
    finished(s, 'chat', r)
  })

  it('Qwen Code: qwen -p, with the model provider from ~/.qwen/settings.json', async (ctx) => {
    const bin = ciClient(ctx, 'qwen')
    const s = await applied('qwen-code')
    const r = await run(bin, ['-p', TASK, '--yolo'], s)
    finished(s, 'chat', r)
  })

  it("OpenCode's own schema (opencode debug config) accepts the written file, and rejects it once broken", async (ctx) => {
    const bin = ciClient(ctx, 'opencode')
    const s = await applied('opencode')
    const file = join(s.env.XDG_CONFIG_HOME, 'opencode', 'opencode.json')
    const offline = {OPENCODE_DISABLE_MODELS_FETCH: '1'}
    const ok = await run(bin, ['debug', 'config'], s, offline)
    expect(ok.exitCode, ok.stderr).toBe(0)
    expect(JSON.parse(ok.stdout).provider.oac.models.local.limit).toEqual({context: CONTEXT, output: 8192})
    writeFileSync(file, readFileSync(file, 'utf8').replace('"tool_call": true', '"tool_call": "yes"'))
    const broken = await run(bin, ['debug', 'config'], s, offline)
    expect(broken.exitCode).toBe(1)
    expect(broken.stderr + broken.stdout).toContain('Configuration is invalid')
  })
})
