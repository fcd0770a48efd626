import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {EXIT_CODES} from '../../src/agent/headless.js'
import {INTERVENE_AT, STOP_AT} from '../../src/agent/repeated-calls.js'
import type {Script} from '../../src/engines/sim/script.js'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {runAgentCli} from './run-agent-cli.js'
import {runInRepo} from './run-in-repo.js'
import {BUGGY_PROJECT, tempHome, tempRepo} from './temp-repo.js'

// Failure 3: a model that ignores the intervention, or re-reads the same file forever, is stopped with status
// `loop` (exit 4); --max-tokens stops a run with status `budget` (exit 5).

let sim: RunningSim | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const READ_FOREVER: Script = {
  mode: 'match',
  rules: [{reply: {toolCalls: [{name: 'read', arguments: {path: 'math.js'}}]}}],
}

describe('repeated identical calls', () => {
  it('stops a model that re-reads the same file successfully, after an intervention at 3', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const run = await runInRepo(repo, READ_FOREVER, {task: 'fix math.js'})
    expect(run.result.status).toBe('loop')
    expect(EXIT_CODES.loop).toBe(4)
    expect(run.result.turns).toBe(STOP_AT)
    const results = run.of('tool_result')
    expect(results.map((e) => e.isError)).toEqual(Array(STOP_AT).fill(false))
    expect(results[INTERVENE_AT - 1]?.output).toMatch(
      /made this exact `read` call 3 times and it returned the same result/,
    )
    expect(results[INTERVENE_AT - 2]?.output).not.toMatch(/made this exact/)
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe(BUGGY_PROJECT['math.js'])
  })

  it('stops a model that ignores the intervention after identical failing calls', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const script: Script = {
      mode: 'match',
      rules: [{reply: {toolCalls: [{name: 'read', arguments: {path: 'gone.js'}}]}}],
    }
    const run = await runInRepo(repo, script, {task: 'read gone.js'})
    expect(run.result).toMatchObject({status: 'loop', turns: STOP_AT})
    expect(run.of('notice').map((e) => e.message)).toEqual([
      'Repeated call to read (3 times): intervention sent',
      'Repeated call to read (4 times): intervention sent',
      'Repeated call to read (5 times): intervention sent',
    ])
  })

  it('does not count a re-read after the file changed', async () => {
    const repo = await tempRepo({'n.txt': '0\n'})
    const rules: Script['rules'] = []
    for (let i = 0; i < 4; i++) {
      rules.push({reply: {toolCalls: [{name: 'read', arguments: {path: 'n.txt'}}]}})
      rules.push({reply: {toolCalls: [{name: 'write', arguments: {path: 'n.txt', content: `${i % 2}\n`}}]}})
    }
    rules.push({reply: {content: 'done'}})
    const run = await runInRepo(repo, {mode: 'ordered', rules}, {task: 'toggle'})
    expect(run.result).toMatchObject({status: 'success', text: 'done'})
  })

  it('oac agent -p exits 4 with status loop', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    sim = await startSim({port: 0, ttftMs: 0, itlMs: 0}, READ_FOREVER)
    const args = ['-p', 'fix it', '--endpoint', sim.baseUrl, '--model', 'sim-model', '--output-format', 'json']
    const r = await runAgentCli(args, {cwd: repo, env: {OAC_HOME: tempHome()}})
    expect(r.exitCode).toBe(4)
    expect(JSON.parse(r.stdout)).toMatchObject({type: 'result', status: 'loop', turns: STOP_AT})
  })
})

describe('--max-tokens', () => {
  it('stops the run when the token budget is spent (exit 5)', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    sim = await startSim(
      {port: 0, ttftMs: 0, itlMs: 0},
      {
        mode: 'ordered',
        rules: [
          {reply: {toolCalls: [{name: 'read', arguments: {path: 'math.js'}}]}},
          {reply: {toolCalls: [{name: 'ls', arguments: {}}]}},
          {reply: {content: 'never reached'}},
        ],
      },
    )
    const args = ['-p', 'fix it', '--endpoint', sim.baseUrl, '--model', 'sim-model', '--output-format', 'json']
    const r = await runAgentCli([...args, '--max-tokens', '100'], {cwd: repo, env: {OAC_HOME: tempHome()}})
    expect(r.exitCode).toBe(5)
    const result = JSON.parse(r.stdout)
    expect(result).toMatchObject({type: 'result', status: 'budget', turns: 1})
    expect(result.usage.promptTokens + result.usage.completionTokens).toBeGreaterThanOrEqual(100)
    expect(result.text).toMatch(/budget is 100 \(--max-tokens\)/)
  })
})

describe('repeated identical changes', () => {
  it('stops a model that makes the same successful insert again and again', async () => {
    const repo = await tempRepo({'notes.md': '# Notes\n'})
    const insert = {path: 'notes.md', old_string: '# Notes\n', new_string: '# Notes\n\n- one more line\n'}
    const script: Script = {mode: 'match', rules: [{reply: {toolCalls: [{name: 'edit', arguments: insert}]}}]}
    const run = await runInRepo(repo, script, {task: 'add a line'})
    expect(run.result).toMatchObject({status: 'loop', turns: STOP_AT})
    expect(run.of('tool_result').every((e) => !e.isError)).toBe(true)
    expect(run.of('tool_result')[INTERVENE_AT - 1]?.output).toMatch(/made this exact `edit` call 3 times/)
    expect(readFileSync(join(repo, 'notes.md'), 'utf8').match(/one more line/g)).toHaveLength(STOP_AT)
  })
})
