import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {agentRunOptions} from '../../src/agent/agent-run-options.js'
import type {AgentEvent} from '../../src/agent/events.js'
import {shortDate} from '../../src/agent/session-list.js'
import {SessionStore} from '../../src/agent/session-store.js'
import type {Script} from '../../src/engines/sim/script.js'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {runAgentCli} from './run-agent-cli.js'
import {runInRepo} from './run-in-repo.js'
import {tempHome, tempRepo} from './temp-repo.js'

let sim: RunningSim | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const MEMORY: Script = {
  mode: 'match',
  rules: [
    {match: {lastUser: '^Remember'}, reply: {content: 'I will remember BANANA.'}},
    {match: {lastUser: '^What was the word'}, reply: {content: 'BANANA'}},
  ],
}

describe('sessions', () => {
  it('saves a session and continues it with --resume ID', async () => {
    const repo = await tempRepo({'a.txt': 'a\n'})
    const home = tempHome()
    sim = await startSim({port: 0, ttftMs: 0, itlMs: 0}, MEMORY)
    const base = ['--endpoint', sim.baseUrl, '--model', 'sim-model', '--output-format', 'json']
    const first = await runAgentCli(['-p', 'Remember the word BANANA.', ...base], {cwd: repo, env: {OAC_HOME: home}})
    expect(first.exitCode).toBe(0)
    const one = JSON.parse(first.stdout) as Extract<AgentEvent, {type: 'result'}>
    expect(one).toMatchObject({type: 'result', status: 'success', text: 'I will remember BANANA.'})
    const args = ['-p', 'What was the word?', '--resume', one.sessionId.slice(0, 6), ...base]
    const second = await runAgentCli(args, {cwd: repo, env: {OAC_HOME: home}})
    expect(second.exitCode).toBe(0)
    const two = JSON.parse(second.stdout) as Extract<AgentEvent, {type: 'result'}>
    expect(two).toMatchObject({status: 'success', text: 'BANANA', sessionId: one.sessionId})
    // The second request carried the first exchange: more prompt tokens than the first one.
    expect(two.usage.promptTokens).toBeGreaterThan(one.usage.promptTokens)
    // --resume without an id, where nothing can ask which: the newest session of the project, with a note.
    const text = ['--endpoint', sim.baseUrl, '--model', 'sim-model']
    const third = await runAgentCli(['-p', 'What was the word?', '--resume', ...text], {
      cwd: repo,
      env: {OAC_HOME: home},
    })
    expect(third.exitCode).toBe(0)
    expect(third.stdout).toBe('BANANA')
    expect(third.stderr).toContain(
      `Resuming the newest session of this project: ${one.sessionId} from ${shortDate(new Date().toISOString()).slice(0, 10)}`,
    )
    expect(third.stderr).toContain(
      '("Remember the word BANANA."). --resume ID takes another (oac agent sessions list).',
    )
    const store = SessionStore.open(join(home, 'oac.db'))
    try {
      expect(store.messages(one.sessionId).map((m) => m.role)).toEqual([
        'user',
        'assistant',
        'user',
        'assistant',
        'user',
        'assistant',
      ])
      expect(store.get(one.sessionId)).toMatchObject({status: 'success', turns: 3})
    } finally {
      store.close()
    }
  }, 120_000)

  it('continues the newest session of the project with --continue, and says when there is none', async () => {
    const repo = await tempRepo({'a.txt': 'a\n'})
    const dbFile = join(tempHome(), 'oac.db')
    await expect(runInRepo(repo, MEMORY, {task: 'What was the word?', resume: 'latest', dbFile})).rejects.toThrow(
      /No agent session to continue in/,
    )
    const first = await runInRepo(repo, MEMORY, {task: 'Remember the word BANANA.', dbFile})
    const next = await runInRepo(repo, MEMORY, {task: 'What was the word?', resume: 'latest', dbFile})
    expect(next.of('start')[0]).toMatchObject({sessionId: first.result.sessionId, resumed: true})
    expect(next.result.text).toBe('BANANA')
  })

  it('takes a session id only with --resume (or --rewind)', () => {
    const flags = {yes: false, continue: false, 'approve-mcp': false}
    const run = (f: {resume: boolean; session?: string}) =>
      agentRunOptions({...flags, ...f}, {maxTurns: 5}, {url: 'http://x/v1', model: 'm'}, {} as never, '/p').resume
    expect(run({resume: true, session: 'abc'})).toBe('abc')
    expect(run({resume: true})).toBe('pick')
    expect(run({resume: false})).toBeUndefined()
    expect(() => run({resume: false, session: 'fix the bug'})).toThrow(
      'Expected a session id only with --resume or --rewind, got `fix the bug` alone',
    )
  })

  it('exits 2 for an unknown session id', async () => {
    const repo = await tempRepo({})
    const r = await runAgentCli(
      ['-p', 'x', '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--resume', 'nope'],
      {
        cwd: repo,
        env: {OAC_HOME: tempHome()},
      },
    )
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('No agent session `nope`')
  })
})
