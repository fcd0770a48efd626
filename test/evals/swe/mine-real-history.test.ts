import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parseDataset} from '../../../src/evals/swe/dataset.js'
import {mine} from '../../../src/evals/swe/mine/mine.js'

// mine on a real project's history, offline: fixtures/swe/history/more-itertools-2026-07.bundle holds
// more-itertools' first-parent line from 2026-06-20 to 2026-07-20 (README beside it: every tree is the upstream
// commit's tree, byte for byte). Its newest change is the maintainers' merge of PR #1223, "chunked-negative-n-guard":
// chunked() now refuses a negative n, and the PR added ChunkedTests.test_negative. mine must find that commit as a
// task whose FAIL_TO_PASS is exactly that test, run by Python's own unittest.

const bundle = new URL('../../../fixtures/swe/history/more-itertools-2026-07.bundle', import.meta.url).pathname
const home = mkdtempSync(join(tmpdir(), 'oac-mine-real-home-'))
const saved = process.env.OAC_HOME
let repo: string

beforeAll(async () => {
  process.env.OAC_HOME = home
  repo = join(mkdtempSync(join(tmpdir(), 'oac-mine-real-')), 'more-itertools')
  await execa('git', ['clone', '-q', bundle, repo])
  await execa('git', ['remote', 'set-url', 'origin', 'https://github.com/more-itertools/more-itertools.git'], {
    cwd: repo,
  })
})

afterAll(() => {
  if (saved === undefined) delete process.env.OAC_HOME
  else process.env.OAC_HOME = saved
})

describe('mine on a real history (more-itertools, bundled)', () => {
  it("finds PR #1223's fix with the test its maintainers added as FAIL_TO_PASS", async () => {
    const {stdout: sha} = await execa('git', ['rev-parse', 'HEAD'], {cwd: repo})
    const report = await mine({
      path: repo,
      out: join(mkdtempSync(join(tmpdir(), 'oac-mine-real-out-')), 'tasks.jsonl'),
      jobs: 1,
      limit: 2,
      timeoutS: 300,
      stress: {runs: 1, workers: 1},
      signal: new AbortController().signal,
    })
    expect(report).toMatchObject({repo: 'more-itertools/more-itertools', commits_scanned: 2, kept: 1})
    // The other commit, PR #1217, changed recipes.py and no test.
    expect(report.drops).toEqual([expect.objectContaining({reason: 'no_tests_changed'})])
    const [task] = parseDataset(readFileSync(report.out, 'utf8'), report.out)
    expect(task).toMatchObject({
      instance_id: `more-itertools__more-itertools-${sha.slice(0, 12)}`,
      commit: sha,
      language: 'python',
      FAIL_TO_PASS: ['tests.test_more.ChunkedTests.test_negative'],
    })
    expect(task?.test_cmd).toMatch(/python3 -m unittest/)
    expect(task?.PASS_TO_PASS).toEqual(expect.arrayContaining(['tests.test_more.ChunkedTests.test_even']))
    expect(task?.PASS_TO_PASS.length).toBeGreaterThan(600)
    expect(task?.patch).toContain("+        raise ValueError('n must be at least 0')")
    expect(task?.test_patch).toContain('+    def test_negative(self):')
    // The problem names the PR and the failing test, never the fix.
    expect(task?.problem_statement).toContain('chunked-negative-n-guard')
    expect(task?.problem_statement).toContain('test_negative')
    expect(task?.problem_statement).not.toContain("raise ValueError('n must be at least 0')")
  }, 300_000)
})
