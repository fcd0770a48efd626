import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {SessionStore} from '../../src/agent/session-store.js'
import type {Script} from '../../src/engines/sim/script.js'
import {runInRepo} from './run-in-repo.js'
import {tempHome, tempRepo} from './temp-repo.js'

// A small window (the engine says 4,000 tokens) and files that fill it: old turns get summarized by the model,
// the task and the last turns stay, and the session goes on.

const TASK = 'Read the files f1.txt to f8.txt one by one.'
const file = (k: number) =>
  Array.from({length: 40}, (_, i) => `file ${k} line ${i + 1}: the quick brown fox jumps over the lazy dog`).join('\n')

describe('context compaction', () => {
  it('summarizes older turns before the window fills, keeping the task and the last turns', async () => {
    const files = Object.fromEntries(Array.from({length: 8}, (_, k) => [`f${k + 1}.txt`, file(k + 1)]))
    const repo = await tempRepo(files)
    const reads = Array.from({length: 8}, (_, k) => ({
      match: {lastUser: `^${TASK.replace(/\./g, '\\.')}$`, hasTools: true},
      reply: {toolCalls: [{name: 'read', arguments: {path: `f${k + 1}.txt`}}]},
    }))
    const script: Script = {
      mode: 'ordered',
      rules: [
        {match: {hasTools: false, lastUser: '^Session to summarize:'}, reply: {content: 'Read f1 and f2: fox lines.'}},
        ...reads,
        {match: {lastUser: 'summarized to save context\\]\\nRead f1 and f2: fox lines\\.$'}, reply: {content: 'Done.'}},
      ],
    }
    const dbFile = join(tempHome(), 'oac.db')
    const run = await runInRepo(repo, script, {task: TASK, dbFile}, {context: 4000})
    expect(run.of('error')).toEqual([])
    expect(run.result).toMatchObject({status: 'success', text: 'Done.'})
    const notices = run.of('notice').map((e) => e.message)
    expect(notices).toEqual([expect.stringMatching(/^Compacted older turns into a summary \(\d+ → \d+ tokens\)$/)])
    const store = SessionStore.open(dbFile)
    try {
      const live = store.messages(run.result.sessionId)
      expect(live[0]).toMatchObject({role: 'user', content: expect.stringMatching(/^Read the files .*fox lines\.$/s)})
      expect(live.at(-1)).toEqual({role: 'assistant', content: 'Done.'})
      // 6 kept messages after the merged task, then the answer.
      expect(live).toHaveLength(1 + 6 + 1)
    } finally {
      store.close()
    }
  })

  it('compacts and retries once when the engine says the prompt does not fit', async () => {
    const repo = await tempRepo({'a.txt': 'a\n'})
    const ls = {match: {hasTools: true}, reply: {toolCalls: [{name: 'ls', arguments: {}}]}}
    const script: Script = {
      mode: 'ordered',
      rules: [
        {match: {hasTools: false}, reply: {content: 'Listed the root four times.'}},
        ls,
        ls,
        ls,
        ls,
        {match: {hasTools: true}, reply: {contextLengthError: true}},
        {match: {lastUser: 'Listed the root four times\\.$'}, reply: {content: 'Done.'}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'List the root.'})
    expect(run.of('error')).toEqual([])
    expect(run.result).toMatchObject({status: 'success', text: 'Done.', turns: 5})
    // (The four identical ls calls also draw the repeated-call intervention.)
    expect(run.of('notice').filter((e) => e.message.startsWith('Compacted'))).toHaveLength(1)
  })

  it("summarizes with the settings' smallModel when one is set", async () => {
    const repo = await tempRepo({'a.txt': 'a\n'})
    const ls = {match: {hasTools: true, model: 'big-model'}, reply: {toolCalls: [{name: 'ls', arguments: {}}]}}
    const script: Script = {
      mode: 'ordered',
      rules: [
        {match: {hasTools: false, model: 'small-model'}, reply: {content: 'Listed the root four times.'}},
        ls,
        ls,
        ls,
        ls,
        {match: {hasTools: true}, reply: {contextLengthError: true}},
        {match: {lastUser: 'Listed the root four times\\.$', model: 'big-model'}, reply: {content: 'Done.'}},
      ],
    }
    const settings = {settings: {smallModel: 'small-model'}, files: []}
    const run = await runInRepo(
      repo,
      script,
      {task: 'List the root.', model: 'big-model', settings},
      {
        models: ['big-model', 'small-model'],
      },
    )
    expect(run.result).toMatchObject({status: 'success', text: 'Done.'})
  })
})
