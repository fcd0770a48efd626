import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {stripVTControlCharacters} from 'node:util'
import {execa} from 'execa'
import {afterEach, describe, expect, it} from 'vitest'
import type {AgentEvent} from '../../../src/agent/events.js'
import {InteractiveSession} from '../../../src/agent/interactive/interactive-session.js'
import {runInteractive} from '../../../src/agent/interactive/repl.js'
import {runSlashAction} from '../../../src/agent/interactive/slash-actions.js'
import {SessionStore} from '../../../src/agent/session-store.js'
import type {FileChange} from '../../../src/agent/tools/tool.js'
import type {Script} from '../../../src/engines/sim/script.js'
import {type RunningSim, startSim} from '../../../src/engines/sim.js'
import {EDIT_ARGS} from '../fix-script.js'
import {BUGGY_PROJECT, tempHome, tempRepo} from '../temp-repo.js'
import {attacks, fakeTerminal} from './fake-terminal.js'

// The session behind the interactive prompt, in-process against `oac sim`: tasks continue one conversation, and
// the slash commands act on it.

const SCRIPT: Script = {
  mode: 'match',
  rules: [
    {match: {hasTools: false, lastUser: '^Session to summarize:'}, reply: {content: 'The word is BANANA.'}},
    {match: {lastUser: '^Remember'}, reply: {content: 'I will remember BANANA.'}},
    {match: {lastUser: '^Fix add', last: '^Fix add'}, reply: {toolCalls: [{name: 'edit', arguments: EDIT_ARGS}]}},
    {match: {toolResult: '^Edited math.js'}, reply: {content: 'Fixed.'}},
    {
      match: {lastUser: '^Break it', last: '^Break it'},
      reply: {toolCalls: [{name: 'bash', arguments: {command: 'echo broken > math.js && echo x > made.txt'}}]},
    },
    {
      match: {lastUser: '^Throw history away', last: '^Throw history away'},
      reply: {
        toolCalls: [{name: 'bash', arguments: {command: 'git reset -q --hard HEAD~1 && git branch -q -D feature'}}],
      },
    },
    {match: {toolResult: 'exit code 0'}, reply: {content: 'Broken.'}},
    {
      match: {
        lastUser:
          '^\\[The user undid the file changes of your last task; [^\\]]*before it: math\\.js\\. Other files were not touched\\.\\]\\n\\nWhat now\\?$',
      },
      reply: {content: 'I see you undid it.'},
    },
  ],
}

let sim: RunningSim | undefined
let session: InteractiveSession | undefined
afterEach(async () => {
  await session?.close()
  await sim?.close()
  session = sim = undefined
})

async function open(repo: string, dbFile: string) {
  sim = await startSim({port: 0, ttftMs: 0, itlMs: 0, models: ['sim-model', 'other-model']}, SCRIPT)
  const events: AgentEvent[] = []
  const changes: FileChange[] = []
  session = await InteractiveSession.open(
    {endpoint: sim.baseUrl, model: 'sim-model', cwd: repo, maxTurns: 10, yes: false, dbFile},
    {emit: (e) => events.push(e), ask: async () => 'once', fileChanged: (c) => changes.push(c)},
  )
  return {session, events, changes}
}

const signal = new AbortController().signal

describe('the interactive session', () => {
  it('continues one conversation across tasks, streams replies, and starts over on /clear', async () => {
    const repo = await tempRepo({})
    const dbFile = join(tempHome(), 'oac.db')
    const {session, events} = await open(repo, dbFile)
    expect(events[0]).toMatchObject({type: 'start', model: 'sim-model', resumed: false})
    const first = await session.run('Remember the word BANANA.', signal)
    const second = await session.run('Remember it well.', signal)
    expect(second.sessionId).toBe(first.sessionId)
    expect(second.usage.promptTokens).toBeGreaterThan(first.usage.promptTokens)
    const streamed = events.filter((e) => e.type === 'delta').map((e) => (e.type === 'delta' ? e.text : ''))
    expect(streamed.join('')).toBe('I will remember BANANA.I will remember BANANA.')
    expect(await runSlashAction('cost', '', {session, signal})).toContain('2 model requests in 2 tasks')

    expect(await runSlashAction('clear', '', {session, signal})).toMatch(/^New session/)
    const third = await session.run('Remember again.', signal)
    expect(third.sessionId).not.toBe(first.sessionId)
    expect(await runSlashAction('cost', '', {session, signal})).toContain('1 model requests in 1 task')
    const store = SessionStore.open(dbFile)
    try {
      expect(store.messages(first.sessionId).map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant'])
      expect(store.messages(third.sessionId).map((m) => m.role)).toEqual(['user', 'assistant'])
    } finally {
      store.close()
    }
  })

  it('switches the model only to one the server serves, lists them, and resumes with the one switched to', async () => {
    const dbFile = join(tempHome(), 'oac.db')
    const repo = await tempRepo({})
    const {session} = await open(repo, dbFile)
    expect(await runSlashAction('model', '', {session, signal})).toBe(
      'Model: sim-model (context 262144 tokens).\nThe server serves: sim-model, other-model. /model NAME switches.',
    )
    expect(await runSlashAction('model', 'nope', {session, signal})).toBe(
      'The server does not serve `nope`; it serves: sim-model, other-model.',
    )
    expect(await runSlashAction('model', 'other-model', {session, signal})).toMatch(/^Model: other-model/)
    expect(session.model).toBe('other-model')
    const result = await session.run('Remember BANANA.', signal)
    expect(result.status).toBe('success')
    await session.close()
    const events: AgentEvent[] = []
    const resumed = await InteractiveSession.open(
      {endpoint: sim!.baseUrl, model: 'sim-model', cwd: repo, maxTurns: 10, yes: false, dbFile, resume: 'latest'},
      {emit: (e) => events.push(e), ask: async () => 'once', fileChanged: () => {}},
    )
    try {
      expect(resumed.model).toBe('other-model')
      expect(events[0]).toMatchObject({type: 'start', model: 'other-model', resumed: true})
    } finally {
      await resumed.close()
    }
  })

  it('lists and revokes "always" answers on /permissions, and forgets them on /clear', async () => {
    const {session} = await open(await tempRepo({}), join(tempHome(), 'oac.db'))
    expect(await runSlashAction('permissions', '', {session, signal})).toMatch(/^No "always" answers/)
    session.memory.remember({tool: 'edit', summary: '', dangerous: false})
    session.memory.remember({tool: 'bash', summary: '', dangerous: false, args: {command: 'npm test'}})
    expect(await runSlashAction('permissions', '', {session, signal})).toMatch(
      /^ {2}edit\n {2}write\n {2}multi_edit\n {2}bash\(npm test:\*\)$/m,
    )
    expect(await runSlashAction('permissions', 'revoke bash(npm test:*)', {session, signal})).toBe(
      'Revoked: bash(npm test:*).',
    )
    expect(session.memory.entries).toEqual(['edit', 'write', 'multi_edit'])
    await runSlashAction('clear', '', {session, signal})
    expect(session.memory.entries).toEqual([])
  })

  it('tells the model, with the next task, that the user interrupted its answer', async () => {
    sim = await startSim(
      {port: 0, ttftMs: 0, itlMs: 40},
      {
        mode: 'match',
        rules: [
          {
            match: {lastUser: '^\\[The user interrupted you while you were answering; [^\\]]*"Once upon'},
            reply: {content: 'Noted.'},
          },
          {reply: {content: 'Once upon a time there was a long story that goes on and on and on.'}},
        ],
      },
    )
    const step = new AbortController()
    session = await InteractiveSession.open(
      {
        endpoint: sim.baseUrl,
        model: 'sim-model',
        cwd: await tempRepo({}),
        maxTurns: 10,
        yes: false,
        dbFile: join(tempHome(), 'oac.db'),
      },
      {
        emit: (e) => {
          if (e.type === 'delta' && e.text.includes('upon')) step.abort()
        },
        ask: async () => 'once',
        fileChanged: () => {},
      },
    )
    expect((await session.run('Tell a story.', step.signal)).status).toBe('aborted')
    expect((await session.run('Go on.', signal)).text).toBe('Noted.')
  })

  it('compacts a long conversation on /compact and says when there is nothing to compact', async () => {
    const {session} = await open(await tempRepo({}), join(tempHome(), 'oac.db'))
    expect(await runSlashAction('compact', '', {session, signal})).toMatch(/^Nothing to compact/)
    for (let i = 0; i < 5; i++) await session.run(`Remember the word BANANA (${i}).`, signal)
    expect(await runSlashAction('compact', '', {session, signal})).toMatch(
      /^Compacted older turns into a summary \(\d+ → \d+ tokens\)\.$/,
    )
    expect((await session.run('Remember the summary.', signal)).status).toBe('success')
  })

  it('undoes the last task’s edits on /undo and tells the model with the next task', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const {session, changes} = await open(repo, join(tempHome(), 'oac.db'))
    expect(await runSlashAction('undo', '', {session, signal})).toMatch(/^Nothing to undo/)
    expect((await session.run('Fix add in math.js.', signal)).text).toBe('Fixed.')
    expect(changes.map((c) => c.after)).toEqual([BUGGY_PROJECT['math.js'].replace('a - b', 'a + b')])
    expect(await runSlashAction('undo', '', {session, signal})).toBe(
      'Restored 1 file the agent changed:\n  math.js\n/redo puts back the state before this undo.',
    )
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe(BUGGY_PROJECT['math.js'])
    expect((await session.run('What now?', signal)).text).toBe('I see you undid it.')
  })

  it('undoes changes made by bash too (from the task checkpoint)', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const {session} = await open(repo, join(tempHome(), 'oac.db'))
    expect((await session.run('Break it with bash.', signal)).text).toBe('Broken.')
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe('broken\n')
    // The user's own work since the task: a new file and an edit of a file the agent never touched.
    writeFileSync(join(repo, 'scratch.txt'), 'my notes\n')
    writeFileSync(join(repo, 'package.json'), '{"type": "module", "private": true}\n')
    expect(await runSlashAction('undo', '', {session, signal})).toBe(
      [
        'Restored 2 files the agent changed:',
        '  made.txt (deleted: the agent created it)',
        '  math.js',
        'Kept, changed since the task began but not by the agent:',
        '  package.json',
        '  scratch.txt',
        '/redo puts back the state before this undo.',
      ].join('\n'),
    )
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe(BUGGY_PROJECT['math.js'])
    expect(existsSync(join(repo, 'made.txt'))).toBe(false)
    expect(readFileSync(join(repo, 'scratch.txt'), 'utf8')).toBe('my notes\n')
    expect(readFileSync(join(repo, 'package.json'), 'utf8')).toContain('private')
    // The undo itself can be undone: the agent's changes come back, the user's files stay as they are.
    expect(await runSlashAction('redo', '', {session, signal})).toMatch(/^Put back 2 files as they were before \/undo/)
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe('broken\n')
    expect(readFileSync(join(repo, 'made.txt'), 'utf8')).toBe('x\n')
    expect(readFileSync(join(repo, 'scratch.txt'), 'utf8')).toBe('my notes\n')
  })

  it('brings history back on /undo after a task that reset a branch and deleted another (approved)', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const git = (...args: string[]) =>
      execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {cwd: repo}).then((r) => r.stdout)
    await git('branch', 'feature')
    writeFileSync(join(repo, 'math.js'), 'export const two = 2\n')
    await git('commit', '-qam', 'second')
    const head = await git('rev-parse', 'HEAD')
    const refs = await git('for-each-ref', '--format=%(refname) %(objectname)')
    const {session} = await open(repo, join(tempHome(), 'oac.db'))
    expect((await session.run('Throw history away.', signal)).text).toBe('Broken.')
    expect(await git('rev-parse', 'HEAD')).not.toBe(head)
    expect(await git('branch', '--list', 'feature')).toBe('')
    expect(await runSlashAction('undo', '', {session, signal})).toMatch(
      /^Restored \d+ files? the agent changed:\n.*\.git/s,
    )
    expect(await git('rev-parse', 'HEAD')).toBe(head)
    expect(await git('for-each-ref', '--format=%(refname) %(objectname)')).toBe(refs)
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe('export const two = 2\n')
    expect(await git('status', '--porcelain')).toBe('')
  })

  it('keeps a file the agent changed when the user changed it again after the task, unless /undo all', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const {session} = await open(repo, join(tempHome(), 'oac.db'))
    expect((await session.run('Fix add in math.js.', signal)).text).toBe('Fixed.')
    writeFileSync(join(repo, 'math.js'), 'export function add(a, b) {\n  return b + a // mine\n}\n')
    expect(await runSlashAction('undo', '', {session, signal})).toBe(
      "Nothing restored: the file the agent changed was changed again since the task, and your version is kept (/undo all puts back the agent's starting point):\n  math.js",
    )
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toContain('// mine')
    expect(await runSlashAction('undo', 'all', {session, signal})).toMatch(
      /^Restored 1 file the agent changed:\n {2}math\.js/,
    )
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe(BUGGY_PROJECT['math.js'])
  })

  it('says that what commands changed cannot be undone when no checkpoint could be saved', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const home = tempHome()
    // The checkpoint store cannot be made (a file where its folder goes), as when git is missing.
    writeFileSync(join(home, 'checkpoints'), '')
    const {session, events} = await open(repo, join(home, 'oac.db'))
    expect((await session.run('Break it with bash.', signal)).text).toBe('Broken.')
    expect(events).toContainEqual(
      expect.objectContaining({type: 'notice', message: expect.stringMatching(/^No checkpoint for this task/)}),
    )
    expect(await runSlashAction('undo', '', {session, signal})).toBe(
      "Not undone: whatever the task's command (bash) changed. No checkpoint could be saved for this task (is git installed?), so only the files the agent's own tools wrote can be put back.",
    )
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe('broken\n')
  })

  it('lists the tools with their source', async () => {
    const {session} = await open(await tempRepo({}), join(tempHome(), 'oac.db'))
    const list = await runSlashAction('tools', '', {session, signal})
    expect(list).toMatch(/^ {2}read +built-in$/m)
    expect(list).toMatch(/^ {2}bash +built-in, asks first$/m)
    expect(list.split('\n')).toHaveLength(9)
  })
})

describe('the interactive prompt in a terminal', () => {
  const EVIL: Script = {
    mode: 'match',
    rules: [
      {
        match: {lastUser: '^Make the file', last: '^Make the file'},
        reply: {toolCalls: [{name: 'write', arguments: {path: 'x\u001b[2J.txt', content: 'x\n'}}]},
      },
      {match: {toolResult: '^Wrote'}, reply: {content: 'Made it.'}},
    ],
  }

  it('prints what slash commands say (server model names, file names) without its escape sequences', async () => {
    const repo = await tempRepo({'a.txt': 'a\n'})
    const models = ['sim-model', 'evil\u001b]0;pwned\u0007', 'hid\u001b[8mden']
    sim = await startSim({port: 0, ttftMs: 0, itlMs: 0, models}, EVIL)
    const term = fakeTerminal()
    const o = {endpoint: sim.baseUrl, model: 'sim-model', cwd: repo, maxTurns: 5, yes: true}
    const done = runInteractive({...o, dbFile: join(tempHome(), 'oac.db'), configDir: tempHome()}, term)
    const until = async (text: string) => {
      for (let i = 0; i < 300 && !term.text().includes(text); i++) await new Promise((r) => setTimeout(r, 50))
      expect(term.text()).toContain(text)
    }
    await until('Type a task')
    term.input.write('/model\r')
    await until('The server serves: sim-model, evil, hidden.')
    term.input.write('Make the file\r')
    await until('Made it.')
    term.input.write('/undo\r')
    await until('Restored 1 file the agent changed:')
    expect(term.text()).toContain('x\\e[2J.txt (deleted: the agent created it)')
    term.input.write('/exit\r')
    await done
    expect(attacks(term.text())).toEqual([])
  })

  it('/plan shows plan mode in the prompt; an answered plan, once approved with one key, is carried out', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const plan = '1. In math.js, change `return a - b` to `return a + b`.'
    const script: Script = {
      mode: 'match',
      rules: [
        {match: {lastUser: '^Fix add', last: '^Fix add'}, reply: {content: plan}},
        {
          match: {lastUser: '^The user approved your plan', last: '^The user approved your plan'},
          reply: {toolCalls: [{name: 'edit', arguments: EDIT_ARGS}]},
        },
        {match: {toolResult: '^Edited math.js'}, reply: {content: 'Done as planned.'}},
      ],
    }
    sim = await startSim({port: 0, ttftMs: 0, itlMs: 0}, script)
    const term = fakeTerminal()
    const o = {endpoint: sim.baseUrl, model: 'sim-model', cwd: repo, maxTurns: 5, yes: true}
    const done = runInteractive({...o, dbFile: join(tempHome(), 'oac.db'), configDir: tempHome()}, term)
    // What the screen says, without its colours and cursor moves.
    const screen = () => stripVTControlCharacters(term.text())
    const until = async (pattern: RegExp, from = 0) => {
      for (let i = 0; i < 300 && !pattern.test(screen().slice(from)); i++) await new Promise((r) => setTimeout(r, 50))
      expect(screen().slice(from)).toMatch(pattern)
    }
    await until(/Type a task/)
    term.input.write('/plan\r')
    await until(/Plan mode: the model reads and answers with a plan/)
    await until(/plan > /)
    term.input.write('Fix add\r')
    await until(/Carry out this plan\? {2}\[y\] yes/)
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toBe(BUGGY_PROJECT['math.js'])
    const asked = screen().length
    term.input.write('y')
    await until(/Done as planned\./, asked)
    expect(readFileSync(join(repo, 'math.js'), 'utf8')).toContain('return a + b')
    // Plan mode is off from the approval on: the prompt is the plain one again, never plan's.
    await until(/\r> /, asked)
    expect(screen().slice(asked)).not.toMatch(/plan > /)
    term.input.write('/exit\r')
    await done
  })
})
