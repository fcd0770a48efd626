import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import type {AgentEvent} from '../../src/agent/events.js'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {FINAL_ANSWER, fixScript, native, TASK} from './fix-script.js'
import {runAgentCli} from './run-agent-cli.js'
import {BUGGY_PROJECT, tempHome, tempRepo} from './temp-repo.js'

let sim: RunningSim | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const events = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as AgentEvent)

describe('oac agent -p (headless)', () => {
  it('reads a file, edits it, runs its test and answers (stream-json)', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    sim = await startSim({port: 0, ttftMs: 0, itlMs: 0}, fixScript(native))
    const args = ['-p', TASK, '--endpoint', sim.baseUrl, '--model', 'sim-model', '--yes']
    const r = await runAgentCli([...args, '--output-format', 'stream-json'], {cwd: repo, env: {OAC_HOME: tempHome()}})
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toContain('return a + b')
    const seen = events(r.stdout)
    expect(seen.map((e) => e.type)).toEqual([
      'start',
      ...['usage', 'tool_call', 'tool_result'],
      ...['usage', 'tool_call', 'tool_result'],
      ...['usage', 'tool_call', 'tool_result'],
      ...['usage', 'assistant', 'result'],
    ])
    expect(seen.filter((e) => e.type === 'tool_call').map((e) => e.name)).toEqual(['read', 'edit', 'bash'])
    expect(seen.find((e) => e.type === 'start')).toMatchObject({model: 'sim-model', resumed: false})
    expect(seen.filter((e) => e.type === 'tool_result').every((e) => !e.isError)).toBe(true)
    expect(seen.at(-1)).toMatchObject({type: 'result', status: 'success', text: FINAL_ANSWER, turns: 4})
  })
})
