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
    const done = run.of('compaction').filter((e) => e.after !== undefined)
    expect(done).toEqual([
      {
        type: 'compaction',
        before: expect.any(Number),
        after: expect.any(Number),
        summary: 'Read f1 and f2: fox lines.',
      },
    ])
    expect(done[0]!.after).toBeLessThan(done[0]!.before)
    const store = SessionStore.open(dbFile)
    try {
      const live = store.messages(run.result.sessionId)
      expect(live[0]).toMatchObject({role: 'user', content: expect.stringMatching(/^Read the files .*fox lines\.$/s)})
      expect(live.at(-1)).toEqual({role: 'assistant', content: 'Done.'})
      // The newest turns after the merged task (as many as a quarter of the window holds), then the answer.
      expect(live[1]).toMatchObject({role: 'assistant'})
      expect(live.length).toBeGreaterThanOrEqual(1 + 2 + 1)
    } finally {
      store.close()
    }
  })

  it('at a 12k context, cuts big tool outputs and merges summaries: the prompt stays under 60% of the window', async () => {
    // Eight files of ~12 KB: each read is about 3,000 tokens, a quarter of the window.
    const big = (k: number) =>
      Array.from(
        {length: 150},
        (_, i) => `module ${k} line ${i + 1}: export const value${i} = compute(${i}, 'x')`,
      ).join('\n')
    const repo = await tempRepo(Object.fromEntries(Array.from({length: 8}, (_, k) => [`m${k + 1}.js`, big(k + 1)])))
    const read = (k: number) => ({toolCalls: [{name: 'read', arguments: {path: `m${k}.js`}}]})
    const script: Script = {
      mode: 'match',
      rules: [
        {match: {hasTools: false, lastUser: '^Summary so far:'}, reply: {content: 'Read m1 to m8, merged.'}},
        {match: {hasTools: false, lastUser: '^Session to summarize:'}, reply: {content: 'Read the first modules.'}},
        {match: {toolResult: 'module 8 line'}, reply: {content: 'Done.'}},
        ...[1, 2, 3, 4, 5, 6, 7].map((k) => ({match: {toolResult: `module ${k} line`}, reply: read(k + 1)})),
        {match: {lastUser: '^Read all'}, reply: read(1)},
      ],
    }
    const summaries: string[] = []
    const run = await runInRepo(repo, script, {task: 'Read all eight modules.'}, {context: 12_000})
    expect(run.of('error')).toEqual([])
    expect(run.result).toMatchObject({status: 'success', text: 'Done.'})
    const done = run.of('compaction').filter((e) => e.after !== undefined)
    expect(done.length).toBeGreaterThanOrEqual(2)
    for (const e of done) expect(e.after).toBeLessThan(12_000 * 0.6)
    summaries.push(...done.map((e) => e.summary ?? ''))
    expect(summaries.at(-1)).toBe('Read m1 to m8, merged.')
    // Every request the model saw fits: the engine's own count of each prompt stays under the window.
    const prompts = run.of('usage').map((e) => e.promptTokens)
    expect(Math.max(...prompts)).toBeLessThan(12_000)
  })

  it('does not compact when even the task and the newest turn would not fit, and says so once', async () => {
    const repo = await tempRepo({'a.txt': 'some words in a file that the model reads\n'.repeat(40)})
    const task = `Consider this log and answer ok:\n${'a long line of a pasted log that fills the window\n'.repeat(150)}`
    const ls = {match: {hasTools: true}, reply: {toolCalls: [{name: 'ls', arguments: {}}]}}
    const script: Script = {
      mode: 'ordered',
      rules: [
        ls,
        {match: {hasTools: true}, reply: {toolCalls: [{name: 'read', arguments: {path: 'a.txt'}}]}},
        {reply: {content: 'ok'}},
      ],
    }
    const run = await runInRepo(repo, script, {task}, {context: 4000})
    expect(run.result).toMatchObject({status: 'success', text: 'ok'})
    expect(run.of('compaction')).toEqual([])
    const futile = run.of('notice').filter((e) => /compacting cannot bring it under/.test(e.message))
    expect(futile).toHaveLength(1)
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
    expect(run.of('compaction').filter((e) => e.after !== undefined)).toHaveLength(1)
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
