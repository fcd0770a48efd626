import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {execa} from 'execa'
import {describe, expect, it} from 'vitest'
import {Checkpoints} from '../../src/agent/checkpoints/checkpoints.js'
import {renderRewind} from '../../src/agent/checkpoints/render-rewind.js'
import {rewindSession, undoRewind} from '../../src/agent/checkpoints/rewind.js'
import {SessionStore} from '../../src/agent/session-store.js'
import type {Script} from '../../src/engines/sim/script.js'
import {EDIT_ARGS} from './fix-script.js'
import {runInRepo} from './run-in-repo.js'
import {BUGGY_PROJECT, tempHome, tempRepo} from './temp-repo.js'

// --rewind decides as /undo does, over all of a session's tasks: what the agent changed goes back, what the user
// changed again after it is kept unless they confirm (or --rewind-all), what else changed is listed and left, and
// the state before is saved for --undo-rewind. Headless runs in-process against `oac sim`.

const SCRIPT: Script = {
  mode: 'match',
  rules: [
    {match: {lastUser: '^Fix add', last: '^Fix add'}, reply: {toolCalls: [{name: 'edit', arguments: EDIT_ARGS}]}},
    {match: {toolResult: '^Edited math.js'}, reply: {content: 'Fixed.'}},
    {
      match: {lastUser: '^Make notes', last: '^Make notes'},
      reply: {toolCalls: [{name: 'bash', arguments: {command: 'echo agent > made.txt && echo agent >> math.test.js'}}]},
    },
    {
      match: {lastUser: '^Commit', last: '^Commit'},
      reply: {
        toolCalls: [
          {
            name: 'bash',
            arguments: {command: 'echo fixed > math.js && git -c user.name=a -c user.email=a@b commit -qam agent'},
          },
        ],
      },
    },
    {match: {toolResult: 'exit code 0'}, reply: {content: 'Done.'}},
  ],
}

/** Runs the tasks one after another in one session of `repo`; returns its id and the database. */
async function session(repo: string, tasks: string[], between: (i: number) => void = () => undefined) {
  const dbFile = join(tempHome(), 'oac.db')
  let id: string | undefined
  for (const [i, task] of tasks.entries()) {
    const run = await runInRepo(repo, SCRIPT, {task, dbFile, ...(id ? {resume: id} : {})})
    expect(run.result.status).toBe('success')
    id = run.result.sessionId
    between(i)
  }
  return {id: id as string, dbFile}
}

const read = (repo: string, path: string) => readFileSync(join(repo, path), 'utf8')

describe('--rewind puts back only what the agent changed', () => {
  it('keeps a file the user changed again after the agent, unless they confirm; undo-rewind takes it back', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const {id, dbFile} = await session(repo, ['Fix add in math.js.', 'Make notes.'], (i) => {
      // Between the tasks the user edits the file the agent just fixed, and writes one of their own.
      if (i === 0) writeFileSync(join(repo, 'math.js'), 'export function add(a, b) {\n  return b + a // mine\n}\n')
      if (i === 0) writeFileSync(join(repo, 'todo.txt'), 'mine\n')
    })
    const asked: string[][] = []
    const confirm = async (kept: string[]) => {
      asked.push(kept)
      return false
    }
    const r = await rewindSession({cwd: repo, dbFile, confirm})
    expect(asked).toEqual([['math.js']])
    expect(renderRewind(r, repo)).toBe(
      [
        `Rewound session ${id}: 2 files the agent changed are back as before it changed them:`,
        '  made.txt (deleted: the agent created it)',
        '  math.test.js',
        'Kept, changed again after the agent changed them (you said no; --rewind-all puts them back too):',
        '  math.js',
        'Kept, changed since the session began but not by the agent:',
        '  todo.txt',
        'The state before this rewind is saved: oac agent --undo-rewind puts it back.',
      ].join('\n'),
    )
    expect(existsSync(join(repo, 'made.txt'))).toBe(false)
    expect(read(repo, 'math.test.js')).toBe(BUGGY_PROJECT['math.test.js'])
    expect(read(repo, 'math.js')).toContain('// mine')
    expect(read(repo, 'todo.txt')).toBe('mine\n')

    // Without a terminal nothing is asked and the file is kept; --rewind-all puts it back too.
    const again = await rewindSession({cwd: repo, dbFile})
    expect(again).toMatchObject({restored: [], kept: ['math.js'], answer: 'not-asked'})
    expect(renderRewind(again, repo)).toMatch(
      /^Nothing rewound in session \w+: every file the agent changed was changed again since\.\nKept, changed again after the agent changed them \(not asked: no terminal; --rewind-all puts them back too\):\n {2}math\.js/,
    )
    const all = await rewindSession({cwd: repo, dbFile, all: true})
    expect(all.restored.map((f) => f.path)).toEqual([join(repo, 'math.js')])
    expect(read(repo, 'math.js')).toBe(BUGGY_PROJECT['math.js'])
    expect(read(repo, 'todo.txt')).toBe('mine\n')

    // --undo-rewind: the last rewind's files as they were before it; a second one has nothing left to undo.
    const undone = await undoRewind({cwd: repo, dbFile})
    expect(undone.restored.map((f) => f.path)).toEqual([join(repo, 'math.js')])
    expect(read(repo, 'math.js')).toContain('// mine')
    await expect(undoRewind({cwd: repo, dbFile})).rejects.toThrow(/was undone already/)
  }, 120_000)

  it('puts .git back when the agent committed, and keeps it when the user committed after', async () => {
    const repo = await tempRepo(BUGGY_PROJECT)
    const git = (...args: string[]) => execa('git', args, {cwd: repo}).then((r) => r.stdout)
    const head = await git('rev-parse', 'HEAD')
    const {dbFile} = await session(repo, ['Commit the fix.'])
    expect(await git('log', '-1', '--format=%s')).toBe('agent')
    const r = await rewindSession({cwd: repo, dbFile})
    expect(r.restored.filter((f) => !f.gitDir).map((f) => f.path)).toEqual([join(repo, 'math.js')])
    expect(r.restored.some((f) => f.gitDir)).toBe(true)
    expect(await git('rev-parse', 'HEAD')).toBe(head)
    expect(read(repo, 'math.js')).toBe(BUGGY_PROJECT['math.js'])
    expect(await git('status', '--porcelain')).toBe('')

    // A second session: the agent commits, then the user commits work of their own; their history is kept.
    const second = await session(repo, ['Commit the fix.'])
    writeFileSync(join(repo, 'mine.txt'), 'mine\n')
    await git('add', 'mine.txt')
    await git('-c', 'user.name=u', '-c', 'user.email=u@u', 'commit', '-qm', 'mine')
    const kept = await rewindSession({cwd: repo, dbFile: second.dbFile})
    expect(kept.kept).toEqual(['.git'])
    expect(await git('log', '-2', '--format=%s')).toBe('mine\nagent')
  }, 120_000)

  it('treats a task that never ended (oac killed) as not known: its changes are kept unless --rewind-all', async () => {
    const repo = await tempRepo({'a.txt': 'a\n'})
    const home = tempHome()
    const checkpoints = Checkpoints.for(repo, home)
    const store = SessionStore.open(join(home, 'oac.db'))
    const id = store.create({root: repo, endpoint: 'http://x/v1', model: 'm', task: 't'})
    store.close()
    await checkpoints.save(id)
    writeFileSync(join(repo, 'b.txt'), 'b\n')
    const r = await rewindSession({cwd: repo, dbFile: join(home, 'oac.db')})
    expect(r).toMatchObject({restored: [], kept: ['b.txt'], others: []})
    const all = await rewindSession({cwd: repo, dbFile: join(home, 'oac.db'), all: true})
    expect(all.restored).toEqual([{path: join(repo, 'b.txt'), deleted: true}])
  })
})
