import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import type {Script} from '../../../src/engines/sim/script.js'
import {type RunningSim, startSim} from '../../../src/engines/sim.js'
import {EDIT_ARGS} from '../fix-script.js'
import {BUGGY_PROJECT, tempHome, tempRepo} from '../temp-repo.js'
import {TmuxSession} from './tmux-session.js'

// `oac agent` in a real terminal (tmux): type a task, approve the edit the scripted model makes, see the diff and
// the file change, ask /cost, /undo and /redo the change; type three lines (Shift-Enter, Alt-Enter, \ + Enter),
// complete a slash command with Tab, stop a streaming reply with Esc, answer [t] with words for the model; pick the
// session to resume; --rewind asks before putting back a file the user changed again. And stop a running step with
// Ctrl-C.

const ROOT = new URL('../../..', import.meta.url).pathname
// Resolved here, not from the cwd: the agent runs inside a temp repo that has no node_modules.
const TSX = import.meta.resolve('tsx')
const ANSWER = 'Fixed add in math.js: it returned a - b.'
const SLOW: Script = {
  mode: 'ordered',
  rules: [
    {match: {lastUser: 'Run the slow'}, reply: {toolCalls: [{name: 'bash', arguments: {command: 'sleep 60'}}]}},
    {match: {lastUser: 'Say hi'}, reply: {content: 'Hi.'}},
  ],
}

const FIXED = BUGGY_PROJECT['math.js'].replace('a - b', 'a + b')
const STORY = Array.from({length: 300}, (_, i) => `word${i}`).join(' ')
const KEYS: Script = {
  mode: 'match',
  rules: [
    {match: {lastUser: '(?:^|\\n)first line\\nsecond line\\nthird line$'}, reply: {content: 'Got three lines.'}},
    {match: {lastUser: '^Tell a long story'}, reply: {content: STORY}},
    {match: {toolResult: 'The user says: use a plus sign'}, reply: {content: 'Understood: a plus sign.'}},
    {match: {lastUser: 'Fix add', last: 'Fix add'}, reply: {toolCalls: [{name: 'edit', arguments: EDIT_ARGS}]}},
    {match: {toolResult: '^Edited math.js'}, reply: {content: ANSWER}},
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

/** `oac agent ARGS` in a new terminal in `repo` (and `home`), against `oac sim` playing `script`. */
async function startAgent(
  repo: string,
  script: Script,
  args: string[] = [],
  o: {home?: string; itlMs?: number; waitFor?: RegExp} = {},
): Promise<TmuxSession> {
  const sim = await startSim({port: 0, ttftMs: 0, itlMs: o.itlMs ?? 1}, script)
  sims.push(sim)
  const term = new TmuxSession()
  terms.push(term)
  const cli = [process.execPath, '--import', TSX, `${ROOT}bin/dev.js`, 'agent', '--endpoint', sim.baseUrl]
  const command = [...cli, '--model', 'sim-model', ...args].map(quote).join(' ')
  await term.start(`env OAC_HOME=${quote(o.home ?? tempHome())} ${command}`, repo)
  await term.waitFor((s) => (o.waitFor ?? /^>\s*$/m).test(s), 'the prompt')
  return term
}

/** `oac ARGS` in a new terminal in `repo` with `home`, as a person runs it. */
async function startOac(repo: string, home: string, args: string[]): Promise<TmuxSession> {
  const term = new TmuxSession()
  terms.push(term)
  const command = [process.execPath, '--import', TSX, `${ROOT}bin/dev.js`, ...args].map(quote).join(' ')
  await term.start(`env OAC_HOME=${quote(home)} ${command}`, repo)
  return term
}

describe.skipIf(!tmuxFound)('oac agent in a terminal', () => {
  it('asks before an edit with its diff, /cost, /undo, the editing keys, Esc, [t], the resume picker and --rewind', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const home = tempHome()
    const term = await startAgent(repo, KEYS, [], {home, itlMs: 40})

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
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe(FIXED)

    await term.type('/cost')
    const cost = await term.waitFor((s) => s.includes('model requests'), 'the /cost report')
    expect(cost).toMatch(/tokens:\s+[\d,]+ prompt \+ [\d,]+ completion = [\d,]+/)
    expect(cost).toContain('turns:   2 model requests in 1 task')
    expect(cost).toMatch(/time:\s+\d+\.\ds working/)

    await term.type('/undo')
    await term.waitFor((s) => s.includes('Restored 1 file'), 'the /undo report')
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe(BUGGY_PROJECT['math.js'])
    await term.type('/redo')
    await term.waitFor((s) => s.includes('before /undo:'), 'the /redo report')
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe(FIXED)

    // Shift-Enter (as kitty sends it, CSI u), Alt-Enter and \ + Enter each add a line; Enter sends all three.
    await term.keys('-l', 'first line')
    await term.keys('-l', '\u001b[13;2u')
    await term.keys('-l', 'second line')
    await term.keys('M-Enter')
    await term.keys('-l', 'third line\\')
    await term.keys('Enter')
    await term.waitFor((s) => /^ {2}third line\s*$/m.test(s), 'the third line in the editor')
    expect(await term.screen()).not.toContain('Got three lines.')
    await term.keys('Enter')
    const three = await term.waitFor((s) => s.includes('Got three lines.'), 'the answer to three lines')
    expect(three).toMatch(/^> first line\n {2}second line\n {2}third line$/m)

    // Tab completes a slash command.
    await term.keys('-l', '/co')
    await term.keys('Tab')
    await term.waitFor((s) => /^> \/co(?:mpact|st) {2}/m.test(s) || /^> \/co\s*$/m.test(s), 'the completion')
    await term.keys('-l', 's')
    await term.keys('Tab')
    await term.waitFor((s) => /^> \/cost\s*$/m.test(s), '/cost completed')
    await term.keys('Enter')
    await term.waitFor((s) => s.includes('3 model requests in 2 tasks'), 'the second /cost report')

    // Esc stops a reply while it streams.
    await term.type('Tell a long story')
    await term.waitFor((s) => s.includes('word20 '), 'the streaming reply')
    await term.keys('Escape')
    const stopped = await term.waitFor((s) => /\(interrupted; 1 request/.test(s), 'the interrupted reply')
    expect(stopped).toContain('Interrupted; stopping…')
    expect(stopped).not.toContain('word299')

    // [t]: no, and the person's words go to the model with the refusal.
    await term.type('Fix add in math.js')
    await term.waitFor((s) => s.includes('[t] no, and tell it'), 'the approval question')
    await term.keys('t')
    await term.waitFor((s) => /^tell it: $/m.test(s), 'the tell-it prompt')
    await term.type('use a plus sign')
    await term.waitFor((s) => s.includes('Understood: a plus sign.'), 'the answer to the words')
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe(FIXED)
    await term.type('/exit')
    await term.waitForExit()

    // --resume without an id: a picker of this project's sessions; Enter takes the newest and replays it.
    const picker = await startAgent(repo, KEYS, ['--resume'], {home, waitFor: /Resume which session\?/})
    expect(await picker.screen()).toMatch(/❯ 1\. Fix add in math\.js {2}.* · \d+ turns · sim-model · [0-9a-f]{12}/)
    await picker.keys('Enter')
    const replayed = await picker.waitFor(
      (s) => /^>\s*$/m.test(s) && s.includes('Understood: a plus sign.'),
      'the replay',
    )
    expect(replayed).toContain('Got three lines.')
    await picker.type('/exit')
    await picker.waitForExit()

    // --rewind in a terminal asks before it puts back a file the user changed again; the user's own file stays.
    writeFileSync(join(repo, 'math.js'), 'export function add(a, b) {\n  return b + a // mine\n}\n')
    writeFileSync(join(repo, 'notes.txt'), 'mine\n')
    const rewind = await startOac(repo, home, ['agent', '--rewind'])
    const asked = await rewind.waitFor((s) => s.includes('[y/N]'), 'the question')
    expect(asked).toMatch(/Changed again after the agent changed them:\n {2}math\.js\nPut these back too/)
    await rewind.keys('y', 'Enter')
    const done = await rewind.waitFor((s) => s.includes('--undo-rewind puts it back'), 'the rewind report')
    expect(done).toMatch(/1 file the agent changed is back as before it changed it:\n {2}math\.js/)
    expect(done).toMatch(/not by the agent:\n {2}notes\.txt/)
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe(BUGGY_PROJECT['math.js'])
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe('mine\n')
  }, 240_000)

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
    // Ctrl-C once the answer is in (the task's end is still being saved) arms quitting, not an interrupt.
    await term.waitFor((s) => /Hi\.\n\(1 request/.test(s), 'the next answer')
    await term.keys('C-c')
    await term.waitFor((s) => s.includes('(Ctrl-C again to quit, or /exit)'), 'the quit hint')
    expect(await term.alive()).toBe(true)
    await term.keys('C-c')
    await term.waitForExit()
  }, 120_000)
})
