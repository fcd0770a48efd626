import {mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {execa} from 'execa'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parseDataset} from '../../../src/evals/swe/dataset.js'
import {mine} from '../../../src/evals/swe/mine/mine.js'
import {renderMine} from '../../../src/evals/swe/mine/render.js'
import {underLoad} from '../../../src/evals/swe/mine/stress.js'

// The busy processes of mine's loaded validation runs: each in a session of its own (autogroup shares the CPUs
// between sessions, so that is what loads the machine), gone when the run ends, and ending by themselves when oac is
// killed before it could stop them. Then mine itself on a history whose tests include one that fails only while
// the machine is loaded (a stand-in for path-to-regexp's time-budgeted ReDoS checks: it fails while a busy process
// loads its own checkout), run with and without the loaded runs.

/** Pids of the busy processes carrying `label`, read from /proc. */
function hogs(label: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
        return argv.includes('oac-stress') && argv.includes(label) ? [Number(pid)] : []
      } catch {
        return []
      }
    })
}

/** The session id of a process (field 6 of /proc/PID/stat, after the parenthesised name). */
const session = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[3])

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return check()
}

describe('mine: CPU load for the stressed runs', () => {
  it('runs the work beside N busy processes, each its own session, and stops them after', async () => {
    const label = `oac-stress-test-${process.pid}-a`
    const seen = await underLoad(
      async () => {
        await until(() => hogs(label).length === 3, 5000)
        return hogs(label)
      },
      {workers: 3, maxMs: 60_000, label},
    )
    expect(seen).toHaveLength(3)
    for (const pid of seen) expect(session(pid)).toBe(pid)
    expect(await until(() => hogs(label).length === 0, 5000)).toBe(true)
  }, 20_000)

  it('the busy processes end by themselves when oac is killed before it can stop them', async () => {
    const label = `oac-stress-test-${process.pid}-b`
    const module = new URL('../../../src/evals/swe/mine/stress.ts', import.meta.url).href
    const script = `import {underLoad} from ${JSON.stringify(module)}\nawait underLoad(() => new Promise(() => {}), {workers: 2, maxMs: 600000, label: ${JSON.stringify(label)}})\n`
    const oac = execa(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script], {
      reject: false,
    })
    expect(await until(() => hogs(label).length === 2, 15_000)).toBe(true)
    oac.kill('SIGKILL')
    await oac
    expect(await until(() => hogs(label).length === 0, 10_000)).toBe(true)
  }, 40_000)
})

const home = mkdtempSync(join(tmpdir(), 'oac-mine-stress-home-'))
const saved = process.env.OAC_HOME
let repo: string

async function commit(files: Record<string, string>, message: string, day: number) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), {recursive: true})
    writeFileSync(join(repo, path), text)
  }
  const date = `2025-03-0${day}T12:00:00Z`
  await execa('git', ['add', '-A'], {cwd: repo})
  await execa('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@x', 'commit', '-qm', message], {
    cwd: repo,
    env: {GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date},
  })
}

// Fails while a busy process of mine's loaded runs loads this checkout (found by its label, the checkout's path).
const LOADED = `import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import {describe, test} from 'node:test'
const loaded = () => readdirSync('/proc').some((d) => {
  try {
    const argv = readFileSync('/proc/' + d + '/cmdline', 'utf8').split('\\0')
    return argv.includes('oac-stress') && argv.includes(process.cwd())
  } catch { return false }
})
`

beforeAll(async () => {
  process.env.OAC_HOME = home
  repo = mkdtempSync(join(tmpdir(), 'oac-mine-stress-repo-'))
  await execa('git', ['init', '-q', '-b', 'main'], {cwd: repo})
  await commit(
    {
      'package.json': '{"type": "module", "scripts": {"test": "node --test"}}\n',
      'lib/calc.js': 'export const add = (a, b) => a - b\nexport const half = (a) => a / 2\n',
      'test/calc.test.js': `${LOADED}test('half', () => assert.equal(2, 2))\n`,
    },
    'Initial',
    1,
  )
  // The fix's own test is steady; beside it, a group whose first test fails under load.
  await commit(
    {
      'lib/calc.js': 'export const add = (a, b) => a + b\nexport const half = (a) => a / 2\n',
      'test/calc.test.js': `${LOADED}import {add} from '../lib/calc.js'
test('half', () => assert.equal(2, 2))
test('add', () => assert.equal(add(2, 3), 5))
describe('timing', () => {
  test('alone', () => assert.ok(!loaded()))
  test('steady', () => assert.ok(true))
})
`,
    },
    'Fix add',
    2,
  )
  // The fix's only failing test shares its group with one that fails under load.
  await commit(
    {
      'lib/calc.js': 'export const add = (a, b) => a + b\nexport const half = (a) => Math.floor(a / 2)\n',
      'test/half.test.js': `${LOADED}import {half} from '../lib/calc.js'
describe('half', () => {
  test('odd', () => assert.equal(half(5), 2))
  test('alone', () => assert.ok(!loaded()))
})
`,
    },
    'Half rounds down',
    3,
  )
})

afterAll(() => {
  if (saved === undefined) delete process.env.OAC_HOME
  else process.env.OAC_HOME = saved
})

describe('mine: tests that fail on a loaded machine', () => {
  const run = (stressRuns: number) =>
    mine({
      path: repo,
      out: join(mkdtempSync(join(tmpdir(), 'oac-mine-stress-out-')), 'tasks.jsonl'),
      jobs: 1,
      timeoutS: 60,
      stress: {runs: stressRuns, workers: 1},
      signal: new AbortController().signal,
    })

  it('without loaded runs, the load-bound test is taken as PASS_TO_PASS (what mine did before)', async () => {
    const report = await run(0)
    expect(report.kept).toBe(2)
    const tasks = parseDataset(readFileSync(report.out, 'utf8'), report.out)
    expect(tasks.flatMap((t) => t.PASS_TO_PASS)).toEqual(expect.arrayContaining(['timing > alone', 'half > alone']))
    expect(renderMine(report)).toContain('no loaded runs (--stress-runs 0)')
  }, 120_000)

  it('a loaded run finds it: its group leaves both lists, and a fix left with no steady failing test is dropped', async () => {
    const report = await run(1)
    expect(report).toMatchObject({kept: 1, dropped: {flaky: 1}})
    const [task] = parseDataset(readFileSync(report.out, 'utf8'), report.out)
    expect(task).toMatchObject({FAIL_TO_PASS: ['add'], PASS_TO_PASS: ['half']})
    const drop = report.drops.find((d) => d.subject === 'Half rounds down')
    expect(drop).toMatchObject({reason: 'flaky'})
    expect(report.stress).toEqual({runs: 1, workers: 1})
    expect(renderMine(report)).toContain(
      'each fix also ran 1 time beside 1 busy process (tests failing under load left out)',
    )
    expect(drop?.detail).toMatch(/: half > alone, half \(its group's 1 other test left out too\)$/)
  }, 120_000)
})
