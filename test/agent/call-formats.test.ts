import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {asText, type CallStyle, FINAL_ANSWER, fixScript, native, TASK} from './fix-script.js'
import {runInRepo} from './run-in-repo.js'
import {BUGGY_PROJECT, tempRepo} from './temp-repo.js'

// The same task whichever way the model writes its calls: what local models and engines without a tool-call
// parser send must work as well as native tool_calls.

async function fixWith(style: CallStyle, edit?: Parameters<typeof fixScript>[1]) {
  const repo = await tempRepo(BUGGY_PROJECT)
  const run = await runInRepo(repo, fixScript(style, edit), {task: TASK})
  expect(run.of('error')).toEqual([])
  expect(run.result).toMatchObject({status: 'success', text: FINAL_ANSWER, turns: 4})
  expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe('export function add(a, b) {\n  return a + b\n}\n')
  expect(run.of('tool_result').map((e) => [e.name, e.isError])).toEqual([
    ['read', false],
    ['edit', false],
    ['bash', false],
  ])
  return run
}

describe('tool-call formats', () => {
  it('takes Qwen3-Coder XML calls printed as text', async () => {
    const run = await fixWith(asText('qwen3_coder'))
    expect(run.of('assistant').filter((e) => !e.final)).toHaveLength(3)
    expect(run.of('assistant')[0]?.text).toBe('Let me do that.')
  })

  it('takes Hermes <tool_call> JSON printed as text', async () => {
    await fixWith(asText('hermes'))
  })

  it('repairs almost-JSON arguments of native calls', async () => {
    const run = await fixWith(native, "{path: 'math.js', old_string: 'return a - b', new_string: 'return a + b',}")
    expect(run.of('tool_call')[1]?.arguments).toContain("{path: 'math.js'")
  })
})
