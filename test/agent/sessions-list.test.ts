import {mkdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {SessionPicker} from '../../src/agent/interactive/session-picker.js'
import {listSessions, renderSessionList, sessionTitle} from '../../src/agent/session-list.js'
import {SessionStore} from '../../src/agent/session-store.js'
import {runAgentCli} from './run-agent-cli.js'
import {tempHome, tempRepo} from './temp-repo.js'

// `oac agent sessions list` and the resume picker: the saved sessions, last used first, this project's unless --all.

/** Three sessions in `repo` and one elsewhere, made oldest to newest; the first one is then used again. */
async function sessions() {
  const repo = await tempRepo({'a.txt': 'a\n'})
  const home = tempHome()
  const dbFile = join(home, 'oac.db')
  const other = join(home, 'other-project')
  mkdirSync(other)
  const store = SessionStore.open(dbFile)
  const ids: string[] = []
  const make = (root: string, task: string, model = 'qwen3-coder') => {
    const id = store.create({root, endpoint: 'http://127.0.0.1:8000/v1', model, task})
    store.finish(id, 'success', 3, {promptTokens: 10, completionTokens: 5})
    ids.push(id)
  }
  make(repo, 'Fix the failing test\nin math.test.js, please')
  make(other, 'Elsewhere')
  make(repo, 'Add a README', 'gpt-oss-20b')
  make(repo, `Refactor ${'everything '.repeat(20)}`)
  await new Promise((resolve) => setTimeout(resolve, 5))
  store.touch(ids[0] as string)
  store.close()
  return {repo, home, dbFile, other, ids}
}

describe('oac agent sessions list', () => {
  it('lists this project’s sessions last used first, with id, date, turns, model and first prompt', async () => {
    const {repo, dbFile, ids} = await sessions()
    const list = await listSessions(join(repo), {dbFile})
    expect(list.sessions.map((s) => s.id)).toEqual([ids[0], ids[3], ids[2]])
    expect(list.sessions[0]).toMatchObject({
      title: 'Fix the failing test in math.test.js, please',
      turns: 3,
      model: 'qwen3-coder',
      root: repo,
    })
    expect(list.sessions[1]?.title).toHaveLength(60)
    expect(list.sessions[1]?.title.endsWith('…')).toBe(true)
    const text = renderSessionList(list)
    const lines = text.split('\n')
    expect(lines[0]).toMatch(/^ID\s+LAST USED\s+TURNS\s+MODEL\s+FIRST PROMPT$/)
    expect(lines[1]).toMatch(
      new RegExp(
        `^${ids[0]}\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+3\\s+qwen3-coder\\s+Fix the failing test in math`,
      ),
    )
    expect(lines[3]).toMatch(/gpt-oss-20b\s+Add a README$/)
    expect(text).toContain("--all lists every project's")
    expect(text).not.toContain('Elsewhere')
  })

  it('--all lists every project, with the project of each', async () => {
    const {repo, dbFile, ids, other} = await sessions()
    const list = await listSessions(repo, {dbFile, all: true})
    expect(list.sessions.map((s) => s.id)).toEqual([ids[0], ids[3], ids[2], ids[1]])
    const text = renderSessionList(list)
    expect(text).toMatch(/^ID\s+LAST USED\s+TURNS\s+MODEL\s+PROJECT\s+FIRST PROMPT$/m)
    expect(text).toMatch(
      new RegExp(`${ids[1]}.*qwen3-coder\\s+${other.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+Elsewhere`),
    )
    expect(text).toMatch(new RegExp(`${ids[2]}.*gpt-oss-20b\\s+\\.\\s+Add a README`))
  })

  it('says where to look when this project has none', async () => {
    const repo = await tempRepo({})
    const text = renderSessionList(await listSessions(repo, {dbFile: join(tempHome(), 'oac.db')}))
    expect(text).toBe(`No agent sessions in ${repo}; --all lists every project's. oac agent starts one.`)
  })

  it('prints them as JSON from the CLI (--json), --limit keeping the newest', async () => {
    const {repo, home, ids} = await sessions()
    const r = await runAgentCli(['sessions', 'list', '--json', '--limit', '2'], {cwd: repo, env: {OAC_HOME: home}})
    expect(r.exitCode).toBe(0)
    const out = JSON.parse(r.stdout) as {root: string; sessions: {id: string; model: string; turns: number}[]}
    expect(out.root).toBe(repo)
    expect(out.sessions.map((s) => s.id)).toEqual([ids[0], ids[3]])
    expect(out.sessions[0]).toMatchObject({model: 'qwen3-coder', turns: 3})
  })

  it('cuts a long first prompt to one line', () => {
    expect(sessionTitle('a\n\tb   c')).toBe('a b c')
    expect(sessionTitle('x'.repeat(80), 10)).toBe(`${'x'.repeat(9)}…`)
  })
})

describe('the resume picker', () => {
  const paint = (_s: string, t: string) => t
  const summaries = ['one', 'two', 'three'].map((title, i) => ({
    id: `id${i}`,
    title,
    updatedAt: '2025-03-04T10:00:00.000Z',
    createdAt: '2025-03-04T10:00:00.000Z',
    turns: i,
    model: 'm',
    root: '/p',
    status: 'success' as const,
  }))

  it('moves with Up and Down (wrapping), takes the marked row on Enter', () => {
    const picker = new SessionPicker(summaries)
    expect(picker.rows(paint)[1]).toMatch(/^❯ 1\. one {2}.* · 0 turns · m · id0$/)
    expect(picker.key(undefined, {name: 'down'})).toBe('more')
    expect(picker.key(undefined, {name: 'down'})).toBe('more')
    expect(picker.rows(paint)[3]).toMatch(/^❯ 3\. three/)
    expect(picker.rows(paint)[1]).toMatch(/^ {2}1\. one/)
    expect(picker.key(undefined, {name: 'down'})).toBe('more')
    expect(picker.selected).toBe(0)
    expect(picker.key(undefined, {name: 'up'})).toBe('more')
    expect(picker.key('\r', {name: 'return'})).toBe(2)
  })

  it('takes a row by its number, and none on Esc or Ctrl-C; ignores a number past the list', () => {
    const picker = new SessionPicker(summaries)
    expect(picker.key('7', {name: '7'})).toBe('more')
    expect(picker.key('2', {name: '2'})).toBe(1)
    expect(picker.key(undefined, {name: 'escape'})).toBeUndefined()
    expect(picker.key('\u0003', {name: 'c', ctrl: true})).toBeUndefined()
  })
})
