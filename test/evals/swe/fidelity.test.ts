import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {beforeAll, describe, expect, it} from 'vitest'
import type {SweInstance} from '../../../src/evals/swe/dataset.js'
import {judge} from '../../../src/evals/swe/judge.js'
import {runSwe} from '../../../src/evals/swe/run-swe.js'
import {shellQuote} from '../../../src/evals/swe/run-tests.js'
import {tempRepo} from '../../agent/temp-repo.js'
import {writeDataset} from './fixture-repo.js'

// Where the harness met real projects and gave wrong verdicts (issue 24, items 1-5), on a repository that has each
// trap: a test name with parentheses (a regex filter matches nothing), a skipped and a duplicated PASS_TO_PASS test,
// a plain runner that prints nothing when the code does not load, and setup that leaves files git does not ignore.

const TESTS = `import assert from 'node:assert/strict'
import {test} from 'node:test'
import {add, mul} from '../lib.js'

test('mul works', () => assert.equal(mul(2, 3), 6))
test('mul (a * b)', () => assert.equal(mul(2, 4), 8))
test('later', {skip: true}, () => assert.fail('not yet'))
test('dup', () => assert.fail('an old copy'))
test('dup', () => assert.equal(mul(1, 1), 1))
`
const ADD_TEST = "test('add works', () => assert.equal(add(2, 3), 5))\n"
// A runner without a reporter library: TAP by hand, so a file that does not load prints nothing and exits 1.
const PLAIN_RUNNER = `import {add, mul} from './lib.js'
const checks = {'add works': () => add(2, 3) === 5, 'mul works': () => mul(2, 3) === 6}
let n = 0
for (const [name, check] of Object.entries(checks)) console.log(\`\${check() ? 'ok' : 'not ok'} \${++n} - \${name}\`)
`
const BUGGY = 'export const add = (a, b) => a - b\nexport const mul = (a, b) => a * b\n'

let repo: string
let reposDir: string
let base: string
let gold: string
let testPatch: string

beforeAll(async () => {
  repo = await tempRepo({
    'package.json': '{"type": "module"}\n',
    '.gitignore': 'node_modules/\n',
    'lib.js': BUGGY,
    'run.js': PLAIN_RUNNER,
    'test/lib.test.js': TESTS,
  })
  reposDir = join(repo, '..')
  const git = async (...args: string[]) => (await execa('git', args, {cwd: repo})).stdout
  base = (await git('rev-parse', 'HEAD')).trim()
  writeFileSync(join(repo, 'test/lib.test.js'), TESTS + ADD_TEST)
  testPatch = `${await git('diff')}\n`
  await git('checkout', '--', '.')
  writeFileSync(join(repo, 'lib.js'), BUGGY.replace('a - b', 'a + b'))
  gold = `${await git('diff')}\n`
  await git('checkout', '--', '.')
})

function instance(extra: Partial<SweInstance> = {}): SweInstance {
  return {
    instance_id: 'i',
    repo: repo.split('/').pop() as string,
    base_commit: base,
    problem_statement: 'add() subtracts',
    patch: gold,
    test_patch: testPatch,
    FAIL_TO_PASS: ['add works'],
    PASS_TO_PASS: ['mul works'],
    test_cmd: 'node --test --test-reporter=tap test/',
    ...extra,
  }
}

const wrong = () => gold.replace('a + b', 'a * 1 + b * 0 + 0')
const work = () => mkdtempSync(join(tmpdir(), 'oac-swe-fidelity-'))
const judged = (i: SweInstance, patch: string, timeoutMs = 30_000) =>
  judge(i, patch, {source: repo, workRoot: work(), timeoutMs})

describe('judging on real-project traps', () => {
  it('never counts a {test} run that ran no test: a filter matching nothing is "not run", not a pass', async () => {
    const perTest = {test_cmd: 'node --test --test-reporter=tap --test-name-pattern={test} test/'}
    // 'mul (a * b)' read as a regex matches no test name, and node --test exits 0.
    const nothing = instance({...perTest, FAIL_TO_PASS: ['mul (a * b)'], PASS_TO_PASS: []})
    for (const patch of [wrong(), gold]) {
      const v = await judged(nothing, patch)
      expect(v.status).not.toBe('resolved')
      expect(v.reason).toMatch(/ran no test for any id|not run/)
    }
    const some = instance({...perTest, PASS_TO_PASS: ['mul works', 'mul (a * b)']})
    const v = await judged(some, gold)
    expect(v).toMatchObject({status: 'unresolved', passToPass: {'mul works': true, 'mul (a * b)': false}})
    expect(v.reason).toBe('not run (the test command ran no test for it): mul (a * b)')
    expect((await judged(instance(perTest), gold)).status).toBe('resolved')
  })

  it('says a test id is not found in the report, with the closest names', async () => {
    const v = await judged(instance({FAIL_TO_PASS: [' add works']}), gold)
    expect(v.status).toBe('unresolved')
    expect(v.reason).toBe('not found in the report: " add works" (closest: "add works", "mul works", "later")')
  })

  it("keeps SWE-bench's semantics: a skipped PASS_TO_PASS is kept, a duplicate name takes its last result", async () => {
    const v = await judged(instance({PASS_TO_PASS: ['mul works', 'later', 'dup']}), gold)
    expect(v).toMatchObject({status: 'resolved', passToPass: {'mul works': true, later: true, dup: true}})
    const f2p = await judged(instance({FAIL_TO_PASS: ['add works', 'later']}), gold)
    expect(f2p).toMatchObject({status: 'unresolved', reason: 'skipped (FAIL_TO_PASS must pass): later'})
  })

  it('judges a patch that breaks the build unresolved (the runner printed nothing), not a harness error', async () => {
    const plain = instance({test_cmd: 'node run.js', PASS_TO_PASS: ['mul works']})
    expect((await judged(plain, gold)).status).toBe('resolved')
    const broken = gold.replace('+export const add = (a, b) => a + b', '+export const add = (a, b) => a +')
    const v = await judged(plain, broken)
    expect(v.status).toBe('unresolved')
    expect(v.reason).toMatch(/^no test ran to a result: the test command printed no test report \(exit 1\)/)
    // A runner that is not there is still the harness's error.
    expect((await judged(instance({test_cmd: 'oac-no-such-runner'}), gold)).status).toBe('error')
  })

  it('reads a JSON report that stderr lines cut in two (jest writes its report to stdout, its logs to stderr)', async () => {
    const script = `const r = {testResults: [{assertionResults: [{fullName: 'add works', status: 'passed'}, {fullName: 'mul works', status: 'passed'}]}]}
const text = JSON.stringify(r); const cut = text.length >> 1
process.stdout.write(text.slice(0, cut), () => { process.stderr.write('console.log: noise\\n', () => process.stdout.write(text.slice(cut) + '\\n')) })
`
    const v = await judged(instance({test_cmd: `node -e ${shellQuote(script)}`}), gold)
    expect(v.status, v.reason).toBe('resolved')
  })

  it("honours the instance's timeout_s with one budget for setup and tests", async () => {
    const started = Date.now()
    // Setup and tests take 1.5 s each: each fits the 2 s budget alone, together they do not.
    const slow = instance({
      setup_cmd: 'sleep 1.5',
      test_cmd: 'sleep 1.5; node --test --test-reporter=tap test/',
      timeout_s: 2,
    })
    const v = await judged(slow, gold, 60_000)
    expect(v).toMatchObject({status: 'error', reason: 'tests timed out (timeout_s 2 s for setup + tests)'})
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('leaves what setup created out of the model patch, so an idle agent is empty_patch and a fix resolves', async () => {
    // A node_modules symlink (`node_modules/` does not match a link), a stamp file, and a rewritten tracked file.
    const setup = 'ln -s "$PWD/test" node_modules && date > .setup-stamp && printf "\\n" >> package.json'
    const fix = "sed -i 's/a - b/a + b/' lib.js"
    const row = (id: string, script: string) => ({
      ...instance({setup_cmd: setup}),
      instance_id: id,
      problem_statement: script,
    })
    const predictions = join(work(), 'p.jsonl')
    const r = await runSwe({
      dataset: writeDataset([row('idle', 'true'), row('fix', fix)]),
      reposDir,
      agent: 'cmd:sh {problem_file}',
      endpoint: 'http://127.0.0.1:9/v1',
      model: 'm',
      repeat: 1,
      concurrency: 2,
      maxTurns: 5,
      tokenBudget: 0,
      agentTimeoutS: 20,
      testTimeoutS: 30,
      save: false,
      predictions,
      signal: new AbortController().signal,
    })
    const byId = Object.fromEntries(r.instances.map((i) => [i.instance_id, i]))
    expect(byId.idle?.status).toBe('empty_patch')
    expect(byId.fix?.status, byId.fix?.reason).toBe('resolved')
    const lines = readFileSync(predictions, 'utf8').trim().split('\n')
    const fixPatch = lines.map((l) => JSON.parse(l)).find((p) => p.instance_id === 'fix').model_patch
    expect(fixPatch.match(/^diff --git .*$/gm)).toEqual(['diff --git a/lib.js b/lib.js'])
  })
})
