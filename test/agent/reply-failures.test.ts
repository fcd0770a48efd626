import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {EXIT_CODES} from '../../src/agent/headless.js'
import {CONTINUE_NOTE, MAX_REDOS} from '../../src/agent/loop.js'
import {CALL_THEN_PROSE_NOTE, CUT_CALL_NOTE} from '../../src/agent/reply/read-reply.js'
import {SessionStore} from '../../src/agent/session-store.js'
import type {Script} from '../../src/engines/sim/script.js'
import {runInRepo} from './run-in-repo.js'
import {tempHome, tempRepo} from './temp-repo.js'

// Replies that must never be reported as a finished answer: cut calls, calls inside reasoning or prose, answers cut
// at the token limit. Each is played by `oac sim` the way local models send them.

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const QWEN_WRITE =
  '<tool_call>\n<function=write>\n<parameter=path>\nhello.txt\n</parameter>\n<parameter=content>\nhello world\n</parameter>\n</function>'

describe('a Qwen3-Coder XML call that never closes (failure 1)', () => {
  it('asks again for a call cut mid-body, then runs a call whose </tool_call> never came', async () => {
    const repo = await tempRepo({})
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {content: `I'll write it.\n${QWEN_WRITE.slice(0, 80)}`, finishReason: 'length'}},
        {match: {lastUser: `^${escapeRe(CUT_CALL_NOTE)}`}, reply: {content: QWEN_WRITE}},
        {match: {toolResult: '^Wrote \\d+ lines? to hello\\.txt'}, reply: {content: 'Wrote hello.txt.'}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'write hello.txt'})
    expect(run.result).toMatchObject({status: 'success', text: 'Wrote hello.txt.', turns: 3})
    expect(EXIT_CODES[run.result.status]).toBe(0)
    expect(readFileSync(join(repo, 'hello.txt'), 'utf8')).toBe('hello world')
    expect(run.of('notice').map((e) => e.message)).toContain('Reply not run (cut call); told the model why.')
  })

  it('never reports raw call markup as a success: the run fails after repeated cut calls', async () => {
    const repo = await tempRepo({})
    const cut = {content: QWEN_WRITE.slice(0, 80)}
    const script: Script = {mode: 'match', rules: [{reply: cut}]}
    const run = await runInRepo(repo, script, {task: 'write hello.txt'})
    expect(run.result.status).toBe('error')
    expect(EXIT_CODES[run.result.status]).toBe(1)
    expect(run.result.turns).toBe(MAX_REDOS + 1)
    expect(run.of('assistant').filter((e) => e.final)).toEqual([])
    expect(existsSync(join(repo, 'hello.txt'))).toBe(false)
  })
})

describe('calls inside <think> (failure 2)', () => {
  it('never runs a call written in the reasoning, and keeps the reasoning out of the history', async () => {
    const repo = await tempRepo({'notes.txt': 'the answer is 42\n'})
    const thought =
      '<think>I could run <tool_call>\n{"name": "bash", "arguments": {"command": "touch pwned"}}\n</tool_call> but reading is enough.</think>'
    const script: Script = {
      mode: 'ordered',
      rules: [
        {
          reply: {
            content: `${thought}\n<tool_call>\n{"name": "read", "arguments": {"path": "notes.txt"}}\n</tool_call>`,
          },
        },
        {match: {toolResult: 'the answer is 42'}, reply: {content: '<think>It says 42.</think>\n\nThe answer is 42.'}},
      ],
    }
    const home = tempHome()
    const run = await runInRepo(repo, script, {task: 'what is the answer?', dbFile: join(home, 'oac.db')})
    expect(run.result).toMatchObject({status: 'success', text: 'The answer is 42.'})
    expect(existsSync(join(repo, 'pwned'))).toBe(false)
    expect(run.of('tool_call').map((e) => e.name)).toEqual(['read'])
    const store = SessionStore.open(join(home, 'oac.db'))
    const history = JSON.stringify(store.messages(run.result.sessionId))
    store.close()
    expect(history).not.toContain('<think>')
    expect(history).not.toContain('touch pwned')
  })

  it('treats a reply that opens <think> in the template (only </think> in the content) the same way', async () => {
    const repo = await tempRepo({})
    const script: Script = {
      mode: 'ordered',
      rules: [
        {
          reply: {
            content:
              'Maybe <tool_call>\n{"name": "bash", "arguments": {"command": "touch pwned"}}\n</tool_call>?</think>Hi.',
          },
        },
      ],
    }
    const run = await runInRepo(repo, script, {task: 'say hi'})
    expect(run.result).toMatchObject({status: 'success', text: 'Hi.'})
    expect(existsSync(join(repo, 'pwned'))).toBe(false)
  })
})

describe('a printed call followed by more prose (issue 15 item 5)', () => {
  it('is not run, and the model is told why', async () => {
    const repo = await tempRepo({})
    const script: Script = {
      mode: 'ordered',
      rules: [
        {
          reply: {
            content:
              'I will NOT do this:\n<tool_call>\n{"name": "bash", "arguments": {"command": "touch pwned"}}\n</tool_call>\nbecause it would be unsafe.',
          },
        },
        {match: {lastUser: `^${escapeRe(CALL_THEN_PROSE_NOTE)}$`}, reply: {content: 'Understood: nothing to run.'}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'what would you do?'})
    expect(run.result).toMatchObject({status: 'success', text: 'Understood: nothing to run.'})
    expect(existsSync(join(repo, 'pwned'))).toBe(false)
    expect(run.of('tool_call')).toEqual([])
  })

  it('runs a call that ends the reply after prose', async () => {
    const repo = await tempRepo({})
    const script: Script = {
      mode: 'ordered',
      rules: [
        {
          reply: {
            content:
              'Creating it now.\n<tool_call>\n{"name": "bash", "arguments": {"command": "touch made"}}\n</tool_call>\n',
          },
        },
        {match: {toolResult: 'exit code 0'}, reply: {content: 'Made.'}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'make it'})
    expect(run.result).toMatchObject({status: 'success', text: 'Made.'})
    expect(existsSync(join(repo, 'made'))).toBe(true)
  })
})

describe('an answer cut at max_tokens (issue 13 item 4)', () => {
  it('is continued and reported whole', async () => {
    const repo = await tempRepo({})
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {content: 'The plan has two steps: first', finishReason: 'length'}},
        {match: {lastUser: `^${escapeRe(CONTINUE_NOTE)}$`}, reply: {content: ' read, then edit.'}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'plan'})
    expect(run.result).toMatchObject({status: 'success', text: 'The plan has two steps: first read, then edit.'})
  })

  it('is reported as cut (exit 1), never success, when it stays cut', async () => {
    const repo = await tempRepo({})
    const script: Script = {mode: 'match', rules: [{reply: {content: 'more and', finishReason: 'length'}}]}
    const run = await runInRepo(repo, script, {task: 'write a long essay'})
    expect(run.result).toMatchObject({status: 'cut', text: 'more andmore andmore and', turns: 3})
    expect(EXIT_CODES[run.result.status]).toBe(1)
  })
})

describe('a call quoted in an indented code block', () => {
  it('is an answer, not a call, even as the last thing in the reply', async () => {
    const repo = await tempRepo({})
    const hermes =
      'To delete it you would send:\n\n    <tool_call>\n    {"name": "bash", "arguments": {"command": "touch pwned-hermes"}}\n    </tool_call>'
    const qwen = `The file holds this example:\n\n${QWEN_WRITE.replace('hello.txt', 'pwned-qwen')
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n')}\n    </tool_call>`
    for (const content of [hermes, qwen]) {
      const run = await runInRepo(repo, {mode: 'match', rules: [{reply: {content}}]}, {task: 'explain'})
      expect(run.result).toMatchObject({status: 'success', text: content})
      expect(run.of('tool_call')).toEqual([])
    }
    expect(existsSync(join(repo, 'pwned-hermes'))).toBe(false)
    expect(existsSync(join(repo, 'pwned-qwen'))).toBe(false)
  })

  it('a real call after a quoted one still runs, and only it', async () => {
    const repo = await tempRepo({'notes.txt': 'the answer is 42\n'})
    const content =
      'An example:\n\n    <tool_call>\n    {"name": "bash", "arguments": {"command": "touch pwned"}}\n    </tool_call>\n\nNow the real one:\n<tool_call>\n{"name": "read", "arguments": {"path": "notes.txt"}}\n</tool_call>'
    const script: Script = {
      mode: 'ordered',
      rules: [{reply: {content}}, {match: {toolResult: 'the answer is 42'}, reply: {content: '42'}}],
    }
    const run = await runInRepo(repo, script, {task: 'read notes'})
    expect(run.result).toMatchObject({status: 'success', text: '42'})
    expect(run.of('tool_call').map((c) => c.name)).toEqual(['read'])
    expect(existsSync(join(repo, 'pwned'))).toBe(false)
  })
})
