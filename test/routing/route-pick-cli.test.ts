import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {type AddressInfo, createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Script, ScriptRule} from '../../src/engines/sim/script.js'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {DONE_RULE, taskRule} from '../../src/evals/swe/gold-script.js'
import {importBfcl} from '../../src/evals/tool-calling/bfcl/import.js'
import {loadRoutingConfig} from '../../src/routing/config.js'
import {goldRules, shippedSuite} from '../evals/swe/suite-env.js'
import {caseScript, goldReply} from '../support/gold-script.js'
import {runCli} from '../support/run-cli.js'

// The store is seeded the way a user seeds it: real `oac bench`, `oac eval tool-calling` and `oac eval swe` runs
// against two `oac sim` engines, one shaped as a fast but sloppy small model, one as a slower, accurate coder. Route
// pick reads only runs over a whole scope: the whole coding set, a whole tool-calling dataset (here BFCL's four-case
// sample, imported), a whole SWE dataset (here a two-task file); narrower runs made later must not stand in for them.

const bfclFile = new URL('../../fixtures/bfcl/BFCL_v3_sample.json', import.meta.url).pathname
const cases = importBfcl(bfclFile)
const filler = {match: {hasTools: false}, reply: {content: 'word '.repeat(40).trim()}}

/** SWE tasks both models are judged on: the accurate one applies each gold patch, the sloppy one changes nothing. */
const sweTasks = ['textkit-slugify-dashes', 'argv-double-dash']
const CODING_SET = 24

/**
 * Tool-calling: gold answers, except the first `wrong` cases answered with the wrong function; SWE tasks: `swe`
 * rules; plain text for requests without tools (bench).
 */
function script(wrong: number, swe: ScriptRule[]): Script {
  const scripted = caseScript(cases, 'native', (c) =>
    cases.indexOf(c) < wrong ? {toolCalls: [{name: 'no_such_tool', arguments: {}}]} : goldReply(c, 'native'),
  )
  // The cases first: a multi_turn case ends with a tool result, which the SWE agent's done rule would answer.
  return {mode: 'match', rules: [...scripted.rules, DONE_RULE, ...swe, filler]}
}

let sloppy: RunningSim
let accurate: RunningSim
let home: string
/** A dataset file of the two SWE tasks, with the shipped suite's repositories built under `sweRepos`. */
let sweDataset: string
let sweRepos: string
const env = () => ({OAC_HOME: home})

async function seed(sim: RunningSim, model: string, opts: {bench: boolean; eval: boolean; swe?: boolean}) {
  const target = ['--endpoint', sim.url, '--model', model]
  if (opts.bench) {
    const bench = await runCli(
      ['bench', ...target, '--dataset', 'coding', '--concurrency', '1', '--num-prompts', String(CODING_SET)].concat([
        '--warmup',
        '0',
        '--output-len',
        '4',
      ]),
      {env: env()},
    )
    expect(bench.exitCode, bench.stderr).toBe(0)
  }
  if (opts.eval) {
    const evalRun = await runCli(['eval', 'tool-calling', ...target, '--import', `bfcl:${bfclFile}`], {env: env()})
    expect(evalRun.exitCode, evalRun.stderr).toBe(0)
  }
  if (opts.swe) {
    const swe = await runCli(
      ['eval', 'swe', ...target, '--dataset', sweDataset, '--repos', sweRepos, '-j', '2', '--max-turns', '4'],
      {env: env()},
    )
    expect(swe.stdout, swe.stderr).toMatch(/resolved \d\/2/)
  }
}

/** A port nothing listens on: bound, read, released. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

const pick = async (...args: string[]) => {
  const r = await runCli(['route', 'pick', '--json', ...args], {env: env()})
  return {...r, json: r.stdout ? JSON.parse(r.stdout) : undefined}
}
const chosen = (result: {classes: {taskClass: string; model?: string}[]}, taskClass: string) =>
  result.classes.find((c) => c.taskClass === taskClass)?.model

beforeAll(async () => {
  const suite = await shippedSuite()
  const tasks = suite.instances.filter((i) => sweTasks.includes(i.instance_id))
  sweRepos = suite.reposDir
  sweDataset = join(mkdtempSync(join(tmpdir(), 'oac-pick-swe-')), 'two-tasks.jsonl')
  writeFileSync(sweDataset, `${tasks.map((t) => JSON.stringify(t)).join('\n')}\n`)
  const fixes = await goldRules(tasks, suite.reposDir)
  const nothing = tasks.map((i) => taskRule(i, []))
  // 1 of 4 answers wrong: 75% accuracy, above the fast floor (60%); 5 ms per token, 20 ms to the first.
  sloppy = await startSim({port: 0, ttftMs: 20, itlMs: 5, context: 65_536, models: ['fast-7b']}, script(1, nothing))
  // Every answer right; 25 ms per token (40 tok/s, above the 20 tok/s floor) and 150 ms to the first.
  accurate = await startSim({port: 0, ttftMs: 150, itlMs: 25, context: 65_536, models: ['coder-30b']}, script(0, fixes))
}, 120_000)
afterAll(async () => {
  await Promise.all([sloppy?.close(), accurate?.close()])
})

describe('oac route pick', () => {
  it('says what to run, per candidate, when the evidence is missing, and --write refuses (exit 2)', async () => {
    home = mkdtempSync(join(tmpdir(), 'oac-pick-missing-'))
    await seed(sloppy, 'fast-7b', {bench: true, eval: false})
    const {json, exitCode} = await pick()
    expect(exitCode).toBe(0)
    expect(chosen(json, 'agent')).toBeUndefined()
    const agent = json.classes.find((c: {taskClass: string}) => c.taskClass === 'agent')
    expect(agent.ranking[0].excludedBy).toBe('no SWE or tool-calling evidence over a whole suite')
    expect(agent.missing).toContain(`oac eval tool-calling --endpoint ${sloppy.url}/v1 --model fast-7b`)
    const written = await runCli(['route', 'pick', '--write', join(home, 'routing.yaml')], {env: env()})
    expect(written.exitCode).toBe(2)
    expect(written.stderr).toContain('no model qualifies for the agent class')

    // A cloud model of routing.yaml is proposed for the class only once the user's own settings allow the cloud.
    const routing = join(home, 'cloud-routing.yaml')
    writeFileSync(
      routing,
      'upstreams:\n  - {name: claude, kind: anthropic, url: https://api.anthropic.com, apiKeyEnv: ANTHROPIC_API_KEY, models: [claude-sonnet-4-5]}\nroutes:\n  - {to: claude/claude-sonnet-4-5}\n',
    )
    const settings = join(process.env.OAC_CONFIG_DIR as string, 'settings.json')
    const off = await runCli(['route', 'pick', '--routing', routing], {env: env()})
    expect(off.stdout).not.toContain('cloud overflow proposed')
    expect(off.stdout).toContain(
      `Cloud models in ${routing} (1) not proposed: the cloud is off (set "allowCloud": true in ${settings})`,
    )
    mkdirSync(process.env.OAC_CONFIG_DIR as string, {recursive: true})
    writeFileSync(settings, JSON.stringify({allowCloud: true}))
    const on = await pick('--routing', routing)
    const agentOn = on.json.classes.find((c: {taskClass: string}) => c.taskClass === 'agent')
    expect(agentOn.chosen).toBeUndefined()
    expect(agentOn.cloud).toMatchObject({target: 'claude/claude-sonnet-4-5', price: {input: 3, output: 15}})
    expect(on.json.cloud).toEqual({file: routing, models: 1, allowed: true})
    writeFileSync(settings, '{}')

    // No decision: apply needs the model named; and with no router to start, every smoke request fails: exit 1.
    const userEnv = {...env(), HOME: join(home, 'user'), XDG_CONFIG_HOME: join(home, 'user', '.config')}
    const noDecision = await runCli(['route', 'apply'], {env: userEnv})
    expect(noDecision.exitCode).toBe(2)
    expect(noDecision.stderr).toContain('run `oac route pick --write routing.yaml` first')
    const closed = `http://127.0.0.1:${await freePort()}`
    const down = await runCli(['route', 'apply', '--model', 'fast-7b', '--clients', 'codex', '--router', closed], {
      env: userEnv,
    })
    expect(down.exitCode).toBe(1)
    expect(down.stdout).toContain(`router: DOWN — nothing answers at ${closed} and no routing file is recorded`)
    expect(down.stdout).toMatch(/smoke responses fast-7b: FAILED/)
  }, 120_000)

  it('chooses the accurate model for agent and the fast one for fast, with evidence and reasons', async () => {
    home = mkdtempSync(join(tmpdir(), 'oac-pick-'))
    await seed(sloppy, 'fast-7b', {bench: true, eval: true, swe: true})
    await seed(accurate, 'coder-30b', {bench: true, eval: true, swe: true})
    const {json, exitCode} = await pick()
    expect(exitCode).toBe(0)
    expect(chosen(json, 'agent')).toBe('coder-30b')
    expect(chosen(json, 'fast')).toBe('fast-7b')
    const agent = json.classes.find((c: {taskClass: string}) => c.taskClass === 'agent')
    expect(agent.reason).toContain(`highest SWE resolved rate (100.0% on swe:${sweDataset}, builtin agent)`)
    expect(agent.ranking.map((r: {model: string}) => r.model)).toEqual(['coder-30b', 'fast-7b'])
    expect(agent.ranking[0].figures.decode_tok_s).toBeGreaterThan(30)
    expect(agent.ranking[0].figures.decode_tok_s).toBeLessThan(45)
    expect(agent.ranking[1].figures.tool_accuracy).toBeCloseTo(3 / 4, 5)
    expect(agent.ranking[0].runIds.length).toBe(3)
    expect(agent.ranking[1].figures.swe_resolved).toBe(0)
    expect(agent.missing).toEqual([])

    const text = await runCli(['route', 'pick'], {env: env()})
    expect(text.stdout).toMatch(/^agent: coder-30b — highest SWE resolved rate/m)
    expect(text.stdout).toMatch(/^fast: fast-7b — lowest time to the first answer token/m)
    expect(text.stdout).toContain(
      `oac eval tool-calling --endpoint ${accurate.url}/v1 --model coder-30b --category long_context`,
    )
  }, 240_000)

  it('a narrower run made later does not stand in for the whole suite or the whole coding set', async () => {
    const before = (await pick()).json
    const figuresOf = (result: typeof before, model: string) =>
      result.classes
        .find((c: {taskClass: string}) => c.taskClass === 'agent')
        .ranking.find((r: {model: string}) => r.model === model)
    // fast-7b gets the file's irrelevance case right, and its 3-prompt coding bench is as fast as before.
    const narrow = await runCli(
      ['eval', 'tool-calling', '--endpoint', sloppy.url, '--model', 'fast-7b', '--import', `bfcl:${bfclFile}`].concat([
        '--category',
        'irrelevance',
      ]),
      {env: env()},
    )
    expect(narrow.stdout).toMatch(/accuracy 1\/1 \(100\.0%\)/)
    const fewer = await runCli(
      ['bench', '--endpoint', sloppy.url, '--model', 'fast-7b', '--dataset', 'coding', '--concurrency', '1'].concat([
        '--num-prompts',
        '3',
        '--warmup',
        '0',
        '--output-len',
        '4',
      ]),
      {env: env()},
    )
    expect(fewer.exitCode, fewer.stderr).toBe(0)
    const after = (await pick()).json
    expect(figuresOf(after, 'fast-7b')).toEqual(figuresOf(before, 'fast-7b'))
    const ignored = after.candidates.find((c: {model: string}) => c.model === 'fast-7b').ignored
    expect(ignored.map((i: {reason: string}) => i.reason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^tool-calling accuracy covers 1 of 4 items of bfcl:\S+, --category irrelevance/),
        expect.stringMatching(/^speed at concurrency 1 covers 3 of 24 items of coding/),
      ]),
    )
  }, 120_000)

  it('--write saves a config oac router loads, with the next-best model as fallback, and route show lists it', async () => {
    const file = join(home, 'routing.yaml')
    const {exitCode, json} = await pick('--write', file)
    expect(exitCode).toBe(0)
    expect(json.written.path).toBe(file)
    const config = loadRoutingConfig(file, readFileSync(file, 'utf8'))
    const catchAll = config.routes.find((r) => r.match.model === '*')
    expect(catchAll?.to).toMatch(/\/coder-30b$/)
    expect(catchAll?.fallback).toEqual([expect.stringMatching(/\/fast-7b$/)])
    expect(config.upstreams.map((u) => u.url).sort()).toEqual([`${accurate.url}/v1`, `${sloppy.url}/v1`].sort())

    const shown = await runCli(['route', 'show'], {env: env()})
    expect(shown.exitCode).toBe(0)
    expect(shown.stdout).toMatch(/agent\s+coder-30b\s+since/)
    expect(shown.stdout).toContain(file)

    const html = join(home, 'report.html')
    const report = await runCli(['report', '--out', html], {env: env()})
    expect(report.exitCode, report.stderr).toBe(0)
    const page = readFileSync(html, 'utf8')
    expect(page).toContain('<section id="routing"><h2>Routing</h2>')
    expect(page).toMatch(/<td>agent<\/td><td>coder-30b<\/td>/)
  }, 60_000)

  it("route apply starts the router on the decision, writes the clients' configs, smokes each API through it", async () => {
    const userHome = join(home, 'user')
    const applyEnv = {...env(), HOME: userHome, XDG_CONFIG_HOME: join(userHome, '.config')}
    const routerUrl = `http://127.0.0.1:${await freePort()}`
    const r = await runCli(
      ['route', 'apply', '--clients', 'claude-code,codex,opencode,oac', '--router', routerUrl, '--json'],
      {env: applyEnv},
    )
    const pid = Number(readFileSync(join(home, 'router.pid'), 'utf8'))
    try {
      expect(r.exitCode, r.stderr).toBe(0)
      const result = JSON.parse(r.stdout)
      expect(result.router).toMatchObject({state: 'started', pid})
      const fromDecision = expect.stringMatching(/^decision #\d+$/)
      expect(result.models.agent).toEqual({
        name: 'coder-30b',
        contextLength: 65_536,
        contextFrom: fromDecision,
        maxOutputTokens: 16_384,
      })
      expect(result.models.fast).toEqual({
        name: 'fast-7b',
        contextLength: 65_536,
        contextFrom: fromDecision,
        maxOutputTokens: 16_384,
      })
      expect(result.smoke.map((s: {api: string; ok: boolean}) => [s.api, s.ok])).toEqual([
        ['messages', true],
        ['responses', true],
        ['chat', true],
      ])
      const claude = JSON.parse(readFileSync(join(userHome, '.claude', 'settings.json'), 'utf8'))
      expect(claude.env).toMatchObject({ANTHROPIC_BASE_URL: routerUrl, ANTHROPIC_MODEL: 'coder-30b'})
      const oac = JSON.parse(readFileSync(join(userHome, '.config', 'oac', 'settings.json'), 'utf8'))
      expect(oac).toEqual({endpoint: `${routerUrl}/v1`, model: 'coder-30b', smallModel: 'fast-7b'})
      // Again: the router is found running, and no file changes.
      const again = JSON.parse(
        (await runCli(['route', 'apply', '--router', routerUrl, '--json'], {env: applyEnv})).stdout,
      )
      expect(again.router.state).toBe('running')
      expect(again.clients.flatMap((c: {files: {outcome: string}[]}) => c.files.map((f) => f.outcome))).not.toContain(
        'failed',
      )
    } finally {
      process.kill(pid, 'SIGTERM')
    }
  }, 90_000)
})
