import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {tempRepo} from '../../agent/temp-repo.js'

// A small repository and a dataset of instances on it, for judging tests. The agent these tests use is
// `cmd:sh {problem_file}`: each instance's problem statement is the shell script that plays the agent.

export const PROJECT = {
  'package.json': '{"type": "module"}\n',
  'lib.js': 'export const add = (a, b) => a - b\nexport const mul = (a, b) => a * b\n',
  'test/lib.test.js':
    "import assert from 'node:assert/strict'\nimport {test} from 'node:test'\nimport {add, mul} from '../lib.js'\n\ntest('mul works', () => assert.equal(mul(2, 3), 6))\n",
  // Per-test-id runner: `node check.js NAME` prints that check's TAP line and exits 0 when it holds.
  'check.js':
    "import {add, mul} from './lib.js'\nconst checks = {add: () => add(2, 3) === 5, mul: () => mul(2, 3) === 6}\nconst ok = checks[process.argv[2]]?.()\nconsole.log((ok ? 'ok' : 'not ok') + ' 1 - ' + process.argv[2])\nprocess.exit(ok ? 0 : 1)\n",
}

export const TEST_PATCH_TEXT =
  "import assert from 'node:assert/strict'\nimport {test} from 'node:test'\nimport {add, mul} from '../lib.js'\n\ntest('mul works', () => assert.equal(mul(2, 3), 6))\ntest('add works', () => assert.equal(add(2, 3), 5))\n"

export async function fixtureRepo() {
  const repo = await tempRepo(PROJECT)
  const git = (...args: string[]) => execa('git', args, {cwd: repo})
  const base = (await git('rev-parse', 'HEAD')).stdout.trim()
  writeFileSync(join(repo, 'test/lib.test.js'), TEST_PATCH_TEXT)
  const testPatch = `${(await git('diff')).stdout}\n`
  await git('checkout', '--', '.')
  writeFileSync(join(repo, 'lib.js'), PROJECT['lib.js'].replace('a - b', 'a + b'))
  const patch = `${(await git('diff')).stdout}\n`
  await git('checkout', '--', '.')
  const reposDir = join(repo, '..')
  return {repo, reposDir, repoName: repo.split('/').pop() as string, base, patch, testPatch}
}

export type Fixture = Awaited<ReturnType<typeof fixtureRepo>>

/** A dataset row on the fixture repo whose agent script is `script`. */
export function row(f: Fixture, id: string, script: string, extra: Record<string, unknown> = {}) {
  return {
    instance_id: id,
    repo: f.repoName,
    base_commit: f.base,
    problem_statement: script,
    patch: f.patch,
    test_patch: f.testPatch,
    FAIL_TO_PASS: JSON.stringify(['add works']),
    PASS_TO_PASS: ['mul works'],
    test_cmd: 'node --test --test-reporter=tap test/',
    ...extra,
  }
}

export function writeDataset(rows: unknown[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'oac-swe-ds-')), 'dataset.jsonl')
  writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`)
  return file
}

export const FIX = "sed -i 's/a - b/a + b/' lib.js"
