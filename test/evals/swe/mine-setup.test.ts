import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {execa} from 'execa'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parseDataset} from '../../../src/evals/swe/dataset.js'
import {mine} from '../../../src/evals/swe/mine/mine.js'
import {runSwe} from '../../../src/evals/swe/run-swe.js'

// Mining a project with npm dependencies (one, installed from a local tarball: no network): the setup_cmd mine
// writes installs once per lockfile and links node_modules in (a link `node_modules/` in .gitignore does not match),
// so the second commit with the same dependencies is a cache hit, and the link never enters a patch. And a Python
// project, whose runner (unittest, with no pytest configuration) needs no setup.

const home = mkdtempSync(join(tmpdir(), 'oac-mine-setup-'))
const saved = process.env.OAC_HOME
let repo: string

async function commit(files: Record<string, string>, message: string) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), {recursive: true})
    writeFileSync(join(repo, path), text)
  }
  await execa('git', ['add', '-A'], {cwd: repo})
  await execa('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@x', 'commit', '-qm', message], {cwd: repo})
}

const test = (body: string) => `import assert from 'node:assert/strict'\nimport {test} from 'node:test'\n${body}`

beforeAll(async () => {
  process.env.OAC_HOME = home
  const dep = mkdtempSync(join(tmpdir(), 'oac-mine-dep-'))
  writeFileSync(
    join(dep, 'package.json'),
    '{"name": "twice", "version": "1.0.0", "type": "module", "main": "index.js"}\n',
  )
  writeFileSync(join(dep, 'index.js'), 'export const twice = (x) => 2 * x\n')
  const packed = (await execa('npm', ['pack', '--silent'], {cwd: dep})).stdout.trim()
  repo = mkdtempSync(join(tmpdir(), 'oac-mine-npm-'))
  await execa('git', ['init', '-q', '-b', 'main'], {cwd: repo})
  const pkg = {type: 'module', scripts: {test: 'node --test'}, dependencies: {twice: `file:${join(dep, packed)}`}}
  await commit(
    {
      '.gitignore': 'node_modules/\n',
      'package.json': `${JSON.stringify(pkg)}\n`,
      'lib/quad.js': "import {twice} from 'twice'\nexport const quad = (x) => twice(x) + x\n",
      'test/quad.test.js': test(
        "import {quad} from '../lib/quad.js'\ntest('quad 0', () => assert.equal(quad(0), 0))\n",
      ),
    },
    'Initial',
  )
  await commit(
    {
      'lib/quad.js': "import {twice} from 'twice'\nexport const quad = (x) => twice(twice(x))\n",
      'test/quad.test.js': test(
        "import {quad} from '../lib/quad.js'\ntest('quad 0', () => assert.equal(quad(0), 0))\ntest('quad 2', () => assert.equal(quad(2), 8))\n",
      ),
    },
    'Fix quad',
  )
  await commit(
    {
      'lib/eight.js': "import {twice} from 'twice'\nexport const eight = (x) => twice(twice(twice(x)))\n",
      'test/eight.test.js': test(
        "import {eight} from '../lib/eight.js'\ntest('eight 1', () => assert.equal(eight(1), 8))\n",
      ),
    },
    'Add eight',
  )
})

afterAll(() => {
  if (saved === undefined) delete process.env.OAC_HOME
  else process.env.OAC_HOME = saved
})

describe('oac eval swe mine with npm dependencies', () => {
  it('installs once per lockfile, links node_modules, and keeps the link out of every patch', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'oac-mine-setup-out-')), 'tasks.jsonl')
    const report = await mine({path: repo, out, jobs: 1, timeoutS: 120, signal: new AbortController().signal})
    expect(report).toMatchObject({kept: 2, setup: {runs: 2, cache_hits: 1}})
    const tasks = parseDataset(readFileSync(out, 'utf8'), out)
    expect(tasks.map((t) => t.FAIL_TO_PASS)).toEqual([['eight 1'], ['quad 2']])
    for (const t of tasks) {
      expect(t.setup_cmd).toMatch(/^node - <<'OAC_NPM_SETUP'\n/)
      expect(t.patch).not.toContain('node_modules')
    }
    // An agent that changes nothing leaves an empty patch, although setup made node_modules (a link git sees).
    const r = await runSwe({
      dataset: out,
      agent: 'cmd:true',
      endpoint: 'http://127.0.0.1:9/v1',
      model: 'm',
      repeat: 1,
      concurrency: 1,
      maxTurns: 1,
      tokenBudget: 0,
      agentTimeoutS: 30,
      testTimeoutS: 120,
      save: false,
      signal: new AbortController().signal,
    })
    expect(r.empty_patch_ids).toHaveLength(2)
  }, 240_000)

  it('mines a Python project with unittest, ids as module.Class.test', async () => {
    const py = mkdtempSync(join(tmpdir(), 'oac-mine-py-'))
    const git = (...args: string[]) =>
      execa('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@x', ...args], {cwd: py})
    await git('init', '-q', '-b', 'main')
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(py, path)), {recursive: true})
      writeFileSync(join(py, path), text)
    }
    const tests = (extra: string) =>
      `import unittest\nfrom calc import mean\n\nclass TestMean(unittest.TestCase):\n    def test_two(self):\n        self.assertEqual(mean([1, 3]), 2)\n${extra}`
    write('calc.py', 'def mean(xs):\n    return sum(xs) / len(xs)\n')
    write('tests/__init__.py', '')
    write('tests/test_calc.py', tests(''))
    await git('add', '-A')
    await git('commit', '-qm', 'Initial')
    write('calc.py', 'def mean(xs):\n    return sum(xs) / len(xs) if xs else 0\n')
    write('tests/test_calc.py', tests('    def test_empty(self):\n        self.assertEqual(mean([]), 0)\n'))
    await git('add', '-A')
    await git('commit', '-qm', 'mean of nothing is 0, not ZeroDivisionError')
    const out = join(mkdtempSync(join(tmpdir(), 'oac-mine-py-out-')), 'tasks.jsonl')
    const report = await mine({path: py, out, jobs: 1, timeoutS: 60, signal: new AbortController().signal})
    expect(report.kept).toBe(1)
    const [task] = parseDataset(readFileSync(out, 'utf8'), out)
    expect(task).toMatchObject({
      language: 'python',
      test_cmd: 'python3 -m unittest -v tests.test_calc',
      FAIL_TO_PASS: ['tests.test_calc.TestMean.test_empty'],
      PASS_TO_PASS: ['tests.test_calc.TestMean.test_two'],
    })
    expect(task?.setup_cmd).toBeUndefined()
  }, 120_000)
})
