import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import type {Script} from '../../../src/engines/sim/script.js'
import {type RunningSim, startSim} from '../../../src/engines/sim.js'
import {tempHome, tempRepo} from '../temp-repo.js'
import {TmuxSession} from './tmux-session.js'

// A stretch of daily work in a real terminal (tmux) against a slow local-model stand-in (1.5 s to the first token,
// a 12k context): a pasted 3-line stack trace is one task; the status line shows while the first token is awaited;
// text typed meanwhile is queued, not echoed into the reply; a resize redraws; /undo after the user edited another
// file keeps that file; reading big files at a 12k context compacts the prompt below 60% of the window.

const ROOT = new URL('../../..', import.meta.url).pathname
const TSX = import.meta.resolve('tsx')
const TRACE = 'TypeError: total is not a function\n    at checkout (cart.js:12:5)\n    at main (app.js:3:1)'
const big = (k: number) =>
  Array.from({length: 150}, (_, i) => `module ${k} line ${i + 1}: export const value${i} = compute(${i}, 'x')`).join(
    '\n',
  )
const read = (k: number) => ({toolCalls: [{name: 'read', arguments: {path: `m${k}.js`}}]})
const SCRIPT: Script = {
  mode: 'match',
  rules: [
    {match: {hasTools: false, lastUser: '^(Summary so far|Session to summarize):'}, reply: {content: 'Read modules.'}},
    {match: {toolResult: 'module 4 line'}, reply: {content: 'Read all four.'}},
    ...[1, 2, 3].map((k) => ({match: {toolResult: `module ${k} line`}, reply: read(k + 1)})),
    {match: {lastUser: 'Read the modules'}, reply: read(1)},
    {
      match: {toolResult: '^Wrote 1 lines to cart\\.js'},
      reply: {content: `Fixed cart.js: total is now a function. ${'More words. '.repeat(30)}`},
    },
    {
      match: {lastUser: `^${TRACE.replace(/[()]/g, '\\$&')}$`},
      reply: {
        content: 'Found it.',
        toolCalls: [{name: 'write', arguments: {path: 'cart.js', content: 'export const total = (xs) => xs.length\n'}}],
      },
    },
    {match: {lastUser: 'queued'}, reply: {content: 'Queued task done.'}},
  ],
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
const tmuxFound = await TmuxSession.available()
let term: TmuxSession | undefined
let sim: RunningSim | undefined
afterAll(async () => {
  await term?.kill()
  await sim?.close()
})

describe.skipIf(!tmuxFound)('a day with oac agent in a terminal', () => {
  it('paste, status, type-ahead, resize, undo that keeps the user’s file, compaction at 12k', async () => {
    const files = Object.fromEntries([1, 2, 3, 4].map((k) => [`m${k}.js`, big(k)]))
    const repo = await tempRepo({...files, 'cart.js': 'export const total = 0\n', 'README.md': '# shop\n'})
    sim = await startSim({port: 0, ttftMs: 1500, itlMs: 5, context: 12_000}, SCRIPT)
    term = new TmuxSession()
    const cli = [process.execPath, '--import', TSX, `${ROOT}bin/dev.js`, 'agent', '--endpoint', sim.baseUrl]
    const command = [...cli, '--model', 'sim-model', '--yes'].map(quote).join(' ')
    await term.start(`env OAC_HOME=${quote(tempHome())} ${command}`, repo, 120, 40)
    await term.waitFor((s) => /^>\s*$/m.test(s), 'the prompt')

    // A 3-line paste is one task: nothing runs until Enter, then one request with all three lines.
    await term.paste(TRACE)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await term.screen()).not.toMatch(/waiting for the first token/)
    await term.keys('Enter')
    const waiting = await term.waitFor(
      (s) => /waiting for the first token · \d\.\ds · prompt [\d,]+ tokens/.test(s),
      'the status line',
    )
    expect(waiting).toMatch(/^> TypeError: total is not a function\n\s+at checkout \(cart\.js:12:5\)\n\s+at main/m)
    const answered = await term.waitFor((s) => /\(\d+ requests?, \d+ tokens, [\d.]+s · context/.test(s), 'the answer')
    expect(answered).toMatch(/Fixed cart\.js: total is now a function\./)
    expect(answered).toMatch(/\(\d+ requests?, \d+ tokens, [\d.]+s · context [\d,]+\/12,000 \(\d+%\)\)/)

    // The user edits another file; /undo takes back only the agent's cart.js.
    writeFileSync(join(repo, 'README.md'), '# shop\n\nmy own notes\n')
    await term.type('/undo')
    const undone = await term.waitFor((s) => s.includes('/redo puts back'), 'the /undo report')
    expect(undone).toMatch(/Kept, changed since the task began but not by the agent:\n\s+README\.md/)
    expect(readFileSync(join(repo, 'cart.js'), 'utf8')).toBe('export const total = 0\n')
    expect(readFileSync(join(repo, 'README.md'), 'utf8')).toContain('my own notes')

    // Four 8 KB reads at a 12k context: compaction shrinks the prompt below 60% of the window and shows the summary.
    await term.type('Read the modules')
    await term.waitFor((s) => s.includes('waiting for the first token'), 'the status line')
    // Typed while the model works: queued and shown as queued, never mixed into the reply; a resize redraws.
    await term.type('the queued task')
    await term.waitFor((s) => s.includes('⏎ queued: the queued task'), 'the queued line')
    await term.resize(90, 40)
    const compacted = await term.waitFor(
      (s) => s.includes('Queued task done.'),
      'the reads and the queued task',
      90_000,
    )
    expect(compacted).toMatch(/Read all four\./)
    expect(compacted).not.toMatch(/Read all four[^\n]*queued/)
    const sizes = [...compacted.matchAll(/Compacted: ([\d]+) → ([\d]+) tokens/g)].map((m) => Number(m[2]))
    expect(sizes.length).toBeGreaterThan(0)
    for (const after of sizes) expect(after).toBeLessThan(12_000 * 0.6)
    expect(compacted).toMatch(/The summary the model goes on from:\n\s+Read modules\./)

    await term.type('/exit')
    await term.waitForExit()
  }, 180_000)
})
