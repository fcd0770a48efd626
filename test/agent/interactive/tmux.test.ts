import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import type {Script} from '../../../src/engines/sim/script.js'
import {type RunningSim, startSim} from '../../../src/engines/sim.js'
import {EDIT_ARGS} from '../fix-script.js'
import {BUGGY_PROJECT, tempHome, tempRepo} from '../temp-repo.js'
import {TmuxSession} from './tmux-session.js'

// `oac agent` in a real terminal (tmux): type a task, approve the edit the scripted model makes, see the diff and
// the file change, ask /cost, /undo the change, leave with /exit; and stop a running step with Ctrl-C.

const ROOT = new URL('../../..', import.meta.url).pathname
// Resolved here, not from the cwd: the agent runs inside a temp repo that has no node_modules.
const TSX = import.meta.resolve('tsx')
const ANSWER = 'Fixed add in math.js: it returned a - b.'
const SCRIPT: Script = {
  mode: 'ordered',
  rules: [
    {
      match: {lastUser: 'Fix add'},
      reply: {content: 'Editing math.js.', toolCalls: [{name: 'edit', arguments: EDIT_ARGS}]},
    },
    {match: {toolResult: '^Edited math.js'}, reply: {content: ANSWER}},
  ],
}
const SLOW: Script = {
  mode: 'ordered',
  rules: [
    {match: {lastUser: 'Run the slow'}, reply: {toolCalls: [{name: 'bash', arguments: {command: 'sleep 60'}}]}},
    {match: {lastUser: 'Say hi'}, reply: {content: 'Hi.'}},
  ],
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
const tmuxFound = await TmuxSession.available()
const terms: TmuxSession[] = []
const sims: RunningSim[] = []

afterAll(async () => {
  await Promise.all(terms.map((t) => t.kill()))
  await Promise.all(sims.map((s) => s.close()))
})

/** `oac agent ARGS` in a new terminal in `repo`, against `oac sim` playing `script`; waits for the prompt. */
async function startAgent(repo: string, script: Script, args: string[] = []): Promise<TmuxSession> {
  const sim = await startSim({port: 0, ttftMs: 0, itlMs: 1}, script)
  sims.push(sim)
  const term = new TmuxSession()
  terms.push(term)
  const cli = [process.execPath, '--import', TSX, `${ROOT}bin/dev.js`, 'agent', '--endpoint', sim.baseUrl]
  const command = [...cli, '--model', 'sim-model', ...args].map(quote).join(' ')
  await term.start(`env OAC_HOME=${quote(tempHome())} ${command}`, repo)
  await term.waitFor((s) => /^>\s*$/m.test(s), 'the prompt')
  return term
}

describe.skipIf(!tmuxFound)('oac agent in a terminal', () => {
  it('asks before an edit, shows its diff, applies it, reports /cost and exits on /exit', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const term = await startAgent(repo, SCRIPT)

    await term.type('Fix add in math.js')
    const asking = await term.waitFor((s) => s.includes('[y] yes'), 'the approval question')
    expect(asking).toContain('● edit math.js')
    expect(asking).toContain('Allow edit on math.js?')
    expect(asking).toContain('[y] yes  [a] always allow file edits  [n] no  [t] no, and tell it')
    expect(asking).toMatch(/--- a\/math\.js\n\s+\+\+\+ b\/math\.js\n\s+@@ -1,3 \+1,3 @@/)
    expect(asking).toMatch(/^\s+-\s{2}return a - b$/m)
    expect(asking).toMatch(/^\s+\+\s{2}return a \+ b$/m)
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toContain('return a - b')

    await term.keys('y')
    const answered = await term.waitFor((s) => s.includes(ANSWER), 'the answer')
    expect(answered).toContain('✓ Edited math.js (1 edit, +0 lines).')
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe(BUGGY_PROJECT['math.js'].replace('a - b', 'a + b'))

    await term.type('/cost')
    const cost = await term.waitFor((s) => s.includes('model requests'), 'the /cost report')
    expect(cost).toMatch(/tokens:\s+[\d,]+ prompt \+ [\d,]+ completion = [\d,]+/)
    expect(cost).toContain('turns:   2 model requests in 1 task')
    expect(cost).toMatch(/time:\s+\d+\.\ds working/)

    await term.type('/undo')
    await term.waitFor((s) => s.includes('Restored 1 file'), 'the /undo report')
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe(BUGGY_PROJECT['math.js'])

    await term.type('/exit')
    await term.waitForExit()
  }, 120_000)

  it('stops a running step on Ctrl-C, goes on, and quits on Ctrl-C twice at an empty prompt', async () => {
    const repo = await tempRepo({'a.txt': 'a\n'})
    const term = await startAgent(repo, SLOW, ['--yes'])
    await term.type('Run the slow command')
    await term.waitFor((s) => s.includes('● bash $ sleep 60'), 'the bash call')
    await term.keys('C-c')
    const stopped = await term.waitFor((s) => /\(interrupted; 1 request/.test(s), 'the interrupted step')
    expect(stopped).toContain('Interrupted; stopping…')
    expect(stopped).toContain('⎿ ⊘ cancelled')

    await term.type('Say hi')
    await term.waitFor((s) => s.includes('Hi.'), 'the next answer')
    await term.keys('C-c')
    await term.waitFor((s) => s.includes('(Ctrl-C again to quit, or /exit)'), 'the quit hint')
    expect(await term.alive()).toBe(true)
    await term.keys('C-c')
    await term.waitForExit()
  }, 120_000)
})
