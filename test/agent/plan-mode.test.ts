import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {EXIT_CODES} from '../../src/agent/headless.js'
import {withPermissionMode} from '../../src/agent/plan-mode.js'
import {BUILTIN_TOOLS} from '../../src/agent/tools/index.js'
import type {Script} from '../../src/engines/sim/script.js'
import {runInRepo} from './run-in-repo.js'
import {BUGGY_PROJECT, tempRepo} from './temp-repo.js'

// --permission-mode plan: only tools that change nothing are offered, a change the model asks for anyway is not
// made, and the run ends with the plan as its answer.

const PLAN = '1. In math.js, change `return a - b` to `return a + b`.\n2. Run node math.test.js; it prints ok.'

describe('plan mode', () => {
  it('offers only reading tools, changes nothing, and answers with a plan', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {toolCalls: [{name: 'write', arguments: {path: 'math.js', content: 'broken'}}]}},
        {
          match: {
            toolResult:
              '^Refused: plan mode allows only reading; this tool is off until the user approves your plan\\.',
          },
          reply: {toolCalls: [{name: 'read', arguments: {path: 'math.js'}}]},
        },
        {match: {toolResult: 'return a - b'}, reply: {content: PLAN}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'Fix add in math.js', permissionMode: 'plan', yes: true})
    expect(run.of('start')[0]?.tools).toEqual(['read', 'grep', 'glob', 'ls', 'todo'])
    expect(run.result).toMatchObject({status: 'success', text: PLAN})
    expect(EXIT_CODES[run.result.status]).toBe(0)
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe(BUGGY_PROJECT['math.js'])
  })

  it('tells the model it is in plan mode and refuses any change that asks for approval', async () => {
    const run = await withPermissionMode('plan', {tools: [...BUILTIN_TOOLS], system: 'base', approve: async () => true})
    expect(run.system).toMatch(/^base\n\n# Plan mode\n\nYou are in plan mode: you can read and search, but not change/)
    expect(await run.approve({tool: 'bash', summary: 'ls', dangerous: false})).toBe(false)
    const same = await withPermissionMode('default', {
      tools: [...BUILTIN_TOOLS],
      system: 'base',
      approve: async () => true,
    })
    expect(same.tools).toHaveLength(BUILTIN_TOOLS.length)
  })
})
