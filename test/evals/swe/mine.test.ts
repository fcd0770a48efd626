import {existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {execa} from 'execa'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parseDataset} from '../../../src/evals/swe/dataset.js'
import {type MineEvent, type MineReport, mine} from '../../../src/evals/swe/mine/mine.js'
import {runSwe} from '../../../src/evals/swe/run-swe.js'
import {runCli} from '../../support/run-cli.js'

// `oac eval swe mine` on a repository whose history has one commit of each kind (no network: node --test, and a
// dependency installed from a local tarball): a fix with its test, a pull request merged with --no-ff, a docs commit,
// a test-only commit, a refactor whose test passed before, a change whose test still fails, a flaky test, and a
// dependency-bound fix. Ctrl-C then the same command again loses and repeats nothing; the dataset runs in
// `oac eval swe` as is; the user's work tree, branches and worktrees are untouched.

const home = mkdtempSync(join(tmpdir(), 'oac-mine-home-'))
const saved = process.env.OAC_HOME
let repo: string
let counter: string
const day = (n: number) => `2025-0${Math.floor(n / 28) + 1}-${String((n % 28) + 1).padStart(2, '0')}T12:00:00Z`

async function commit(files: Record<string, string>, message: string, n: number, extra: string[] = []) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), {recursive: true})
    writeFileSync(join(repo, path), text)
  }
  const env = {GIT_AUTHOR_DATE: day(n), GIT_COMMITTER_DATE: day(n)}
  await execa('git', ['add', '-A'], {cwd: repo})
  await execa('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@x', 'commit', '-qm', message, ...extra], {
    cwd: repo,
    env,
  })
}

const test = (body: string) => `import assert from 'node:assert/strict'\nimport {test} from 'node:test'\n${body}`

beforeAll(async () => {
  process.env.OAC_HOME = home
  repo = mkdtempSync(join(tmpdir(), 'oac-mine-repo-'))
  counter = join(home, 'flaky-counter')
  await execa('git', ['init', '-q', '-b', 'main'], {cwd: repo})
  await execa('git', ['remote', 'add', 'origin', 'git@github.com:acme/calc.git'], {cwd: repo})
  await commit(
    {
      'package.json': '{"type": "module", "scripts": {"test": "node --test"}}\n',
      'lib/calc.js': 'export const add = (a, b) => a - b\nexport const half = (a) => a / 2\n',
      'test/calc.test.js': test("import {half} from '../lib/calc.js'\ntest('half', () => assert.equal(half(4), 2))\n"),
    },
    'Initial',
    1,
  )
  await commit(
    {
      'lib/calc.js': 'export const add = (a, b) => a + b\nexport const half = (a) => a / 2\n',
      'test/calc.test.js': test(
        "import {add, half} from '../lib/calc.js'\ntest('half', () => assert.equal(half(4), 2))\ntest('add', () => assert.equal(add(2, 3), 5))\n",
      ),
    },
    'Fix add: it subtracted\n\nadd(2, 3) gave -1.\n\nSigned-off-by: dev <dev@x>',
    2,
  )
  await commit({'README.md': '# calc\n'}, 'Docs', 3)
  await commit({'test/more.test.js': test("test('more', () => assert.ok(true))\n")}, 'More tests', 4)
  await commit(
    {
      'lib/calc.js': 'export const add = (a, b) => b + a\nexport const half = (a) => a / 2\n',
      'test/calc.test.js': test(
        "import {add, half} from '../lib/calc.js'\ntest('half', () => assert.equal(half(4), 2))\ntest('add', () => assert.equal(add(2, 3), 5))\ntest('add commutes', () => assert.equal(add(3, 2), 5))\n",
      ),
    },
    'Refactor add',
    5,
  )
  await commit(
    {
      'lib/calc.js': 'export const add = (a, b) => b + a\nexport const half = (a) => a / 2 + 0\n',
      'test/half.test.js': test(
        "import {half} from '../lib/calc.js'\ntest('half of 3', () => assert.equal(half(3), 1))\n",
      ),
    },
    'Half rounds down (not really)',
    6,
  )
  // A test whose result alternates from run to run in one checkout (a counter outside the repository per checkout).
  await commit(
    {
      'lib/calc.js': 'export const add = (a, b) => b + a\nexport const half = (a) => a / 2\n',
      'test/flaky.test.js': test(
        `import {existsSync, readFileSync, writeFileSync} from 'node:fs'\nimport {basename} from 'node:path'\nconst file = ${JSON.stringify(counter)} + basename(process.cwd())\nconst n = existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0\nwriteFileSync(file, String(n + 1))\ntest('sometimes', () => assert.equal(n % 2, 0))\n`,
      ),
    },
    'Tidy half',
    7,
  )
  // A pull request merged with --no-ff: two commits on a branch, one change against the first parent.
  await execa('git', ['checkout', '-q', '-b', 'feature'], {cwd: repo})
  await commit({'lib/sub.js': 'export const sub = (a, b) => a - b\n'}, 'Add sub', 8)
  await commit(
    {'test/sub.test.js': test("import {sub} from '../lib/sub.js'\ntest('sub', () => assert.equal(sub(5, 3), 2))\n")},
    'Test sub',
    9,
  )
  await execa('git', ['checkout', '-q', 'main'], {cwd: repo})
  await execa(
    'git',
    [
      '-c',
      'user.name=dev',
      '-c',
      'user.email=dev@x',
      'merge',
      '-q',
      '--no-ff',
      '-m',
      'Merge pull request #7 from dev/feature\n\nAdd sub()',
      'feature',
    ],
    {
      cwd: repo,
      env: {GIT_AUTHOR_DATE: day(11), GIT_COMMITTER_DATE: day(11)},
    },
  )
  await execa('git', ['branch', '-q', '-D', 'feature'], {cwd: repo})
  // Table-driven tests: a fix that changes only the table, which holds no test itself.
  await commit(
    {
      'test/half-cases.test.js': 'export const cases = [[4, 2]]\n',
      'test/half-table.test.js': test(
        "import {half} from '../lib/calc.js'\nimport {cases} from './half-cases.test.js'\nfor (const [n, h] of cases) test('half ' + n, () => assert.equal(half(n), h))\n",
      ),
    },
    'Table of halves',
    12,
  )
  await commit(
    {
      'lib/calc.js': 'export const add = (a, b) => b + a\nexport const half = (a) => Math.floor(a / 2)\n',
      'test/half-cases.test.js': 'export const cases = [[4, 2], [5, 2]]\n',
    },
    'Half of an odd number rounds down',
    13,
  )
})

afterAll(() => {
  if (saved === undefined) delete process.env.OAC_HOME
  else process.env.OAC_HOME = saved
})

describe('oac eval swe mine', () => {
  let first: MineReport
  let second: MineReport
  let out: string

  it('keeps the fixes, drops the rest with their reasons, and resumes after Ctrl-C', async () => {
    out = join(mkdtempSync(join(tmpdir(), 'oac-mine-out-')), 'tasks.jsonl')
    const stop = new AbortController()
    const events: MineEvent[] = []
    const options = {path: repo, out, jobs: 2, timeoutS: 60, holdOutAfter: Date.parse('2025-01-05T00:00:00Z')}
    first = await mine({...options, signal: stop.signal}, (e) => {
      events.push(e)
      if (e.type === 'commit' && e.outcome.kept) stop.abort()
    })
    expect(first.status).toBe('partial')
    const kept = readFileSync(out, 'utf8').trim().split('\n')
    expect(kept).toHaveLength(1)
    second = await mine({...options, signal: new AbortController().signal})
    expect(second.status).toBe('complete')
    expect(second.resumed).toBe(first.commits_scanned)
    expect(second.commits_scanned).toBe(10)
    expect(second.kept).toBe(3)
    expect(second.dropped).toMatchObject({
      no_tests_changed: 1,
      no_code_changed: 2,
      tests_did_not_fail: 1,
      gold_did_not_pass: 1,
      flaky: 1,
      root_commit: 1,
      error: 0,
    })
    const byCommitSubject = Object.fromEntries(second.drops.map((d) => [d.subject, d.reason]))
    expect(byCommitSubject).toMatchObject({
      Docs: 'no_tests_changed',
      'More tests': 'no_code_changed',
      'Refactor add': 'tests_did_not_fail',
      'Half rounds down (not really)': 'gold_did_not_pass',
      'Tidy half': 'flaky',
      Initial: 'root_commit',
    })
  }, 240_000)

  it('writes a dataset that oac eval swe runs as is: gold resolves, empty is empty_patch', async () => {
    const tasks = parseDataset(readFileSync(out, 'utf8'), out)
    expect(tasks.map((t) => t.FAIL_TO_PASS[0])).toEqual(expect.arrayContaining(['add', 'sub']))
    // Only the table changed: the whole suite was measured, and its command is the task's.
    const table = tasks.find((t) => t.FAIL_TO_PASS.includes('half 5'))!
    expect(table).toMatchObject({test_cmd: 'node --test --test-reporter=tap'})
    expect(table.FAIL_TO_PASS).toEqual(expect.arrayContaining(['half 5', 'half of 3']))
    expect(table.PASS_TO_PASS).toEqual(expect.arrayContaining(['half 4', 'add', 'half']))
    expect([...table.FAIL_TO_PASS, ...table.PASS_TO_PASS]).not.toContain('sometimes')
    const fix = tasks.find((t) => t.FAIL_TO_PASS[0] === 'add')!
    expect(fix).toMatchObject({
      repo: 'acme/calc',
      PASS_TO_PASS: ['half'],
      test_cmd: 'node --test --test-reporter=tap test/calc.test.js',
      language: 'javascript',
      split: 'train',
      created_at: '2025-01-03T12:00:00Z',
    })
    expect(fix.problem_statement).toMatch(
      /^Fix add: it subtracted\n\nadd\(2, 3\) gave -1\.\n\nThese tests fail and should pass:\n- add\n/,
    )
    expect(fix.problem_statement).not.toContain('a + b')
    expect(fix.patch).toContain('+export const add = (a, b) => a + b')
    expect(fix.test_patch).toContain("+test('add'")
    const merged = tasks.find((t) => t.FAIL_TO_PASS[0] === 'sub')!
    expect(merged).toMatchObject({split: 'eval'})
    expect(merged.problem_statement).toMatch(/^Merge pull request #7 from dev\/feature\n\nAdd sub\(\)/)
    expect(merged.patch).toContain('+++ b/lib/sub.js')
    const preds = join(dirname(out), 'gold.jsonl')
    writeFileSync(
      preds,
      tasks
        .map((t) => JSON.stringify({instance_id: t.instance_id, model_name_or_path: 'gold', model_patch: t.patch}))
        .join('\n'),
    )
    const run = (judge: string) =>
      runSwe({
        dataset: out,
        judge,
        agent: 'builtin',
        endpoint: '',
        model: '',
        repeat: 1,
        concurrency: 2,
        maxTurns: 1,
        tokenBudget: 0,
        agentTimeoutS: 1,
        testTimeoutS: 60,
        save: false,
        signal: new AbortController().signal,
      })
    expect((await run(preds)).resolved_ids).toHaveLength(3)
    writeFileSync(
      preds,
      tasks
        .map((t) => JSON.stringify({instance_id: t.instance_id, model_name_or_path: 'e', model_patch: ''}))
        .join('\n'),
    )
    expect((await run(preds)).empty_patch_ids).toHaveLength(3)
  }, 120_000)

  it("leaves the user's work tree, branches and worktrees as they were; works in oac's own copy", async () => {
    const git = async (...args: string[]) => (await execa('git', args, {cwd: repo})).stdout
    expect(await git('status', '--porcelain')).toBe('')
    expect(await git('branch', '--format=%(refname:short)')).toBe('main')
    expect((await git('worktree', 'list')).split('\n')).toHaveLength(1)
    expect(existsSync(join(home, 'swe', 'repos', 'acme__calc', 'HEAD'))).toBe(true)
    expect(existsSync(join(home, 'swe', 'repos', 'acme__calc', 'objects', 'info', 'alternates'))).toBe(false)
  })

  it('refuses bad input before it clones anything (exit 2)', async () => {
    const env = {OAC_HOME: mkdtempSync(join(tmpdir(), 'oac-mine-cli-'))}
    const date = await runCli(
      ['eval', 'swe', 'mine', repo, '--out', join(env.OAC_HOME, 'x.jsonl'), '--since', 'last week'],
      {env},
    )
    expect(date.exitCode).toBe(2)
    expect(date.stderr).toContain('Expected --since to be a date (YYYY-MM-DD), got `last week`')
    const notRepo = await runCli(['eval', 'swe', 'mine', env.OAC_HOME, '--out', join(env.OAC_HOME, 'x.jsonl')], {env})
    expect(notRepo.exitCode).toBe(2)
    expect(notRepo.stderr).toMatch(/is not a git repository with a commit|is not in a git repository/)
    writeFileSync(join(env.OAC_HOME, 'mine.jsonl'), '{"mine": false}\n')
    const foreign = await runCli(['eval', 'swe', 'mine', repo, '--out', join(env.OAC_HOME, 'mine.jsonl')], {env})
    expect(foreign.exitCode).toBe(2)
    expect(foreign.stderr).toContain('exists and was not written by oac eval swe mine')
  }, 60_000)
})
