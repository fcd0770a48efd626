import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {EXIT_CODES} from '../../src/agent/headless.js'
import {runToolCall} from '../../src/agent/run-tool-call.js'
import {MAX_TOOL_OUTPUT} from '../../src/agent/tools/output-cap.js'
import type {AgentTool} from '../../src/agent/tools/tool.js'
import type {Script} from '../../src/engines/sim/script.js'
import {runInRepo} from './run-in-repo.js'
import {BUGGY_PROJECT, tempRepo} from './temp-repo.js'

// Failures 5 and 6: slips that would cost a slow local turn each are absorbed (and said so), and no tool can flood
// the context: one cap in the runner for every tool.

const FIXED = 'export function add(a, b) {\n  return a + b\n}\n'

async function fixWith(edit: Record<string, unknown>, resultPattern: string) {
  const repo = await tempRepo(BUGGY_PROJECT)
  const script: Script = {
    mode: 'ordered',
    rules: [
      {reply: {toolCalls: [{name: 'edit', arguments: {path: 'math.js', ...edit}}]}},
      {match: {toolResult: resultPattern}, reply: {content: 'Fixed.'}},
    ],
  }
  const run = await runInRepo(repo, script, {task: 'fix add'})
  return {run, text: readFileSync(join(repo, 'math.js'), 'utf8')}
}

describe('cheap misses (failure 5)', () => {
  it('converts a numeric string for an integer parameter of a native call', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {toolCalls: [{name: 'read', arguments: {path: 'math.js', offset: '2', limit: '1'}}]}},
        {match: {toolResult: '^2\\t  return a - b\\n'}, reply: {content: 'Line 2 subtracts.'}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'line 2?'})
    expect(run.result).toMatchObject({status: 'success', text: 'Line 2 subtracts.', turns: 2})
    expect(run.of('tool_result')[0]?.isError).toBe(false)
  })

  it("strips read's line-number prefixes pasted into old_string and new_string", async () => {
    const {run, text} = await fixWith(
      {
        old_string: '1\texport function add(a, b) {\n2\t  return a - b',
        new_string: '1\texport function add(a, b) {\n2\t  return a + b',
      },
      "^Edited math\\.js.*\\nNote: old_string carried read's line-number prefixes",
    )
    expect(run.result.status).toBe('success')
    expect(EXIT_CODES[run.result.status]).toBe(0)
    expect(text).toBe(FIXED)
  })

  it('falls back to a unique whitespace-insensitive match, saying so', async () => {
    const {run, text} = await fixWith(
      {old_string: '    return  a -\tb', new_string: '  return a + b'},
      '^Edited math\\.js.*\\nNote: old_string matched line 2 only when whitespace is ignored',
    )
    expect(run.result.status).toBe('success')
    expect(text).toBe(FIXED)
  })

  it('refuses a whitespace-insensitive match that is not unique', async () => {
    const repo = await tempRepo({'a.txt': 'x  = 1\nx = 1\n'})
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {toolCalls: [{name: 'edit', arguments: {path: 'a.txt', old_string: 'x   =  1', new_string: 'x = 2'}}]}},
        {match: {toolResult: 'ignoring whitespace it matches 2 places'}, reply: {content: 'Ambiguous.'}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'set x'})
    expect(run.result.status).toBe('success')
    expect(readFileSync(join(repo, 'a.txt'), 'utf8')).toBe('x  = 1\nx = 1\n')
  })
})

describe('one output cap for every tool (failure 6)', () => {
  it('cuts a huge read with a hint to read on, which the model follows', async () => {
    const line = 'y'.repeat(1500)
    const repo = await tempRepo({'big.txt': `${Array.from({length: 2000}, (_, i) => `${i + 1} ${line}`).join('\n')}\n`})
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {toolCalls: [{name: 'read', arguments: {path: 'big.txt'}}]}},
        {
          match: {
            toolResult: '\\[output cut at \\d+ of \\d+ characters; read on with offset=11 and a smaller limit\\]$',
          },
          reply: {toolCalls: [{name: 'read', arguments: {path: 'big.txt', offset: 11, limit: 1}}]},
        },
        {match: {toolResult: '^11\\t11 y+\\n\\[showing lines 11-11'}, reply: {content: 'Line 11 is all y.'}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'read big.txt'})
    expect(run.result).toMatchObject({status: 'success', text: 'Line 11 is all y.'})
    expect(run.of('tool_result')[0]?.output.length).toBeLessThanOrEqual(MAX_TOOL_OUTPUT + 200)
  })

  it('caps any tool in the runner, an MCP-style tool without a cap of its own included', async () => {
    const flood: AgentTool = {
      spec: {type: 'function', function: {name: 'mcp__docs__dump', description: 'dump', parameters: {type: 'object'}}},
      mutates: false,
      run: async () => 'z'.repeat(100_000),
    }
    const ctx = {root: '/', signal: new AbortController().signal, approve: async () => true, todos: []}
    const call = {id: 'c1', name: 'mcp__docs__dump', arguments: '{}'}
    const out = await runToolCall(call, new Map([['mcp__docs__dump', flood]]), ctx)
    expect(out.isError).toBe(false)
    expect(out.output.length).toBeLessThanOrEqual(MAX_TOOL_OUTPUT + 200)
    expect(out.output).toMatch(/\[output cut at 16000 of 100000 characters; ask for less/)
  })
})
