import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {EMPTY_REPLY_NOTE} from '../../src/agent/loop.js'
import type {Script} from '../../src/engines/sim/script.js'
import {runInRepo} from './run-in-repo.js'
import {BUGGY_PROJECT, tempRepo} from './temp-repo.js'

// What small local models get wrong, answered so that they can recover.

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

describe('a model that makes mistakes', () => {
  it('gets the schema error for invalid arguments, then succeeds with corrected ones', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {toolCalls: [{name: 'read', arguments: {file: 'math.js'}}]}},
        {
          match: {toolResult: 'missing required parameter `path`.*unknown parameter `file`.*Parameters: \\{'},
          reply: {toolCalls: [{name: 'read', arguments: {path: 'math.js', offset: 2, limit: 1}}]},
        },
        {
          match: {toolResult: '^2\\t  return a - b\\n\\[showing lines 2-2 of 3; read on with offset=3\\]$'},
          reply: {content: 'Line 2 subtracts.'},
        },
      ],
    }
    const run = await runInRepo(repo, script, {task: 'What does line 2 of math.js do?'})
    expect(run.result).toMatchObject({status: 'success', text: 'Line 2 subtracts.'})
    expect(run.of('tool_result').map((e) => e.isError)).toEqual([true, false])
    expect(run.of('tool_result')[0]?.output).toMatch(/^Invalid arguments for `read`/)
  })

  it('answers an unknown tool with the list of tools', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {toolCalls: [{name: 'cat', arguments: {path: 'math.js'}}]}},
        {match: {toolResult: '^Unknown tool `cat`\\. Available tools: read, write, edit'}, reply: {content: 'done'}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'show math.js'})
    expect(run.result.status).toBe('success')
  })

  it('sends an intervention after the same failing call three times', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const bad = {toolCalls: [{name: 'read', arguments: {path: 'missing.js'}}]}
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: bad},
        {match: {toolResult: '^File not found: `missing.js`\\. Use ls or glob to find the right path\\.$'}, reply: bad},
        {match: {toolResult: '^File not found[^\\n]*$'}, reply: bad},
        {
          match: {toolResult: 'You have made this exact `read` call 3 times'},
          reply: {content: 'The file does not exist.'},
        },
      ],
    }
    const run = await runInRepo(repo, script, {task: 'read missing.js'})
    expect(run.result).toMatchObject({status: 'success', turns: 4})
    expect(run.of('notice').map((e) => e.message)).toEqual(['Repeated call to read (3 times): intervention sent'])
  })

  it('retries an empty reply once with a note', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {content: ''}},
        {match: {lastUser: `^${escapeRegExp(EMPTY_REPLY_NOTE)}$`}, reply: {content: 'Hello.'}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'say hello'})
    expect(run.result).toMatchObject({status: 'success', text: 'Hello.', turns: 2})
    expect(run.of('notice').map((e) => e.message)).toEqual(['Empty reply; asking once more.'])
  })

  it('gives up after a second empty reply', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const run = await runInRepo(repo, {mode: 'match', rules: [{reply: {content: ''}}]}, {task: 'say hello'})
    expect(run.result).toMatchObject({status: 'error', text: 'The model sent an empty reply twice.'})
  })

  it('stops at the turn limit', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const script: Script = {
      mode: 'match',
      rules: [{reply: {toolCalls: [{name: 'ls', arguments: {}}]}}],
    }
    const run = await runInRepo(repo, script, {task: 'loop forever', maxTurns: 3})
    expect(run.result).toMatchObject({status: 'max_turns', turns: 3})
    expect(run.of('tool_call')).toHaveLength(3)
  })

  it('reports an engine error as an error event and result', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const script: Script = {mode: 'match', rules: [{reply: {error: {status: 500, message: 'engine fell over'}}}]}
    const run = await runInRepo(repo, script, {task: 'anything'})
    expect(run.result.status).toBe('error')
    expect(run.of('error')[0]?.message).toMatch(/HTTP 500: engine fell over/)
  })
})

describe('safety', () => {
  it('refuses changes without --yes, denylisted commands even with it, and writes outside the root', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {toolCalls: [{name: 'bash', arguments: {command: 'git push --force origin main'}}]}},
        {
          match: {toolResult: '^Refused: .*needs a person.s approval \\(this command force-pushes'},
          reply: {toolCalls: [{name: 'write', arguments: {path: '../outside.txt', content: 'x'}}]},
        },
        {match: {toolResult: '^Refused: `\\.\\./outside\\.txt` is outside the project root'}, reply: {content: 'ok'}},
      ],
    }
    const yes = await runInRepo(repo, script, {task: 'push it'})
    expect(yes.result.status).toBe('success')
    const noYes: Script = {
      mode: 'ordered',
      rules: [
        {reply: {toolCalls: [{name: 'edit', arguments: {path: 'math.js', old_string: '-', new_string: '+'}}]}},
        {match: {toolResult: '^Refused: `edit` changes files .*--yes'}, reply: {content: 'I may not edit.'}},
      ],
    }
    const no = await runInRepo(repo, noYes, {task: 'fix it', yes: false})
    expect(no.result.status).toBe('success')
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toContain('return a - b')
  })
})
