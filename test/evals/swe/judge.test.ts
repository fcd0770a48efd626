import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {beforeAll, describe, expect, it} from 'vitest'
import {runSwe} from '../../../src/evals/swe/run-swe.js'
import {checkout} from '../../../src/evals/swe/workspace.js'
import {FIX, type Fixture, fixtureRepo, row, writeDataset} from './fixture-repo.js'

// SWE-bench's judging rules on a small repository, with `cmd:sh {problem_file}` as the agent.

let f: Fixture
beforeAll(async () => {
  f = await fixtureRepo()
})

async function run(rows: unknown[], agent = 'cmd:sh {problem_file}', predictions?: string) {
  return runSwe({
    ...(predictions ? {predictions} : {}),
    dataset: writeDataset(rows),
    reposDir: f.reposDir,
    agent,
    endpoint: 'http://127.0.0.1:9/v1',
    model: 'm',
    repeat: 1,
    concurrency: 3,
    maxTurns: 5,
    tokenBudget: 0,
    agentTimeoutS: 20,
    testTimeoutS: 20,
    save: false,
    signal: new AbortController().signal,
  })
}

const byId = (r: Awaited<ReturnType<typeof run>>) => Object.fromEntries(r.instances.map((i) => [i.instance_id, i]))

describe('oac eval swe judging', () => {
  it('resolves a real fix; the model patch holds new and binary files and applies on base_commit', async () => {
    const predictions = join(mkdtempSync(join(tmpdir(), 'oac-swe-pred-')), 'p.jsonl')
    const script = `${FIX}\nprintf '\\000\\001\\002' > data.bin\nmkdir -p docs && echo hi > docs/new.md\n`
    const r = await run([row(f, 'fix', script)], 'cmd:sh {problem_file}', predictions)
    expect(r.instances[0]).toMatchObject({status: 'resolved', turns: null, prompt_tokens: null})
    expect(r.resolved_ids).toEqual(['fix'])
    const prediction = JSON.parse(readFileSync(predictions, 'utf8'))
    expect(prediction).toMatchObject({instance_id: 'fix', model_name_or_path: 'm'})
    expect(prediction.model_patch).toContain('diff --git a/data.bin b/data.bin\nnew file mode 100644')
    expect(prediction.model_patch).toContain('GIT binary patch')
    expect(prediction.model_patch).toContain('+++ b/docs/new.md')
    const ws = await checkout(f.repo, f.base, join(f.reposDir, 'scratch'))
    try {
      await execa('git', ['apply', '-'], {cwd: ws.dir, input: prediction.model_patch})
      expect(readFileSync(join(ws.dir, 'data.bin'))).toEqual(Buffer.from([0, 1, 2]))
    } finally {
      await ws.dispose()
    }
  })

  it('judges the tests as test_patch has them: editing the test does not pass, nor does changing nothing', async () => {
    const cheat =
      "sed -i 's/a - b/a + b/' test/lib.test.js\nprintf \"test('add works', () => {})\\n\" >> test/lib.test.js\n"
    const r = byId(await run([row(f, 'cheat', cheat), row(f, 'idle', 'true\n')]))
    expect(r.cheat).toMatchObject({status: 'unresolved', reason: 'failing: add works'})
    expect(r.idle).toMatchObject({status: 'empty_patch'})
  })

  it('fails an attempt that breaks a PASS_TO_PASS test', async () => {
    const r = await run([row(f, 'break', `${FIX}\nsed -i 's/a \\* b/a + b/' lib.js\n`)])
    expect(r.instances[0]).toMatchObject({status: 'unresolved', reason: 'failing: mul works'})
  })

  it('runs {test} commands once per id, each run proving by its own report that it ran the test', async () => {
    const perId = {test_cmd: 'node check.js {test}', FAIL_TO_PASS: ['add'], PASS_TO_PASS: ['mul']}
    const r = byId(
      await run([row(f, 'per-id-fixed', FIX, perId), row(f, 'per-id-broken', 'echo x > other.txt', perId)]),
    )
    expect(r['per-id-fixed']?.status).toBe('resolved')
    expect(r['per-id-broken']).toMatchObject({status: 'unresolved', reason: 'failing: add'})
  })

  it('ends each broken instance as error with its reason and goes on with the rest', async () => {
    const r = byId(
      await run([
        row(f, 'no-commit', FIX, {base_commit: 'f'.repeat(40)}),
        row(f, 'no-runner', FIX, {test_cmd: 'oac-no-such-runner {tests}'}),
        row(f, 'slow-tests', FIX, {test_cmd: 'sleep 5', timeout_s: 1}),
        row(f, 'bad-setup', FIX, {setup_cmd: 'echo cannot install >&2; exit 3'}),
        row(f, 'no-report', FIX, {test_cmd: 'echo all good'}),
        row(f, 'crash', `${FIX}\necho boom >&2\nexit 7\n`),
        row(f, 'ok', FIX),
      ]),
    )
    expect(r['no-commit']?.reason).toMatch(/^checkout failed: base_commit f{40} is not in/)
    expect(r['no-runner']?.reason).toMatch(/^test command missing: .*oac-no-such-runner/)
    expect(r['slow-tests']?.reason).toBe('tests timed out (timeout_s 1 s for setup + tests)')
    expect(r['bad-setup']?.reason).toBe('setup failed (exit 3): cannot install')
    expect(r['no-report']?.reason).toBe('the test command printed no test report (exit 0)')
    expect(r.crash?.reason).toBe('agent crashed (exit 7): boom')
    for (const id of ['no-commit', 'no-runner', 'slow-tests', 'bad-setup', 'no-report', 'crash'])
      expect(r[id]?.status).toBe('error')
    expect(r.ok?.status).toBe('resolved')
  })

  it('times out an agent that does not stop, as an error', async () => {
    const r = await runSwe({
      dataset: writeDataset([row(f, 'sleepy', 'sleep 30\n')]),
      reposDir: f.reposDir,
      agent: 'cmd:sh {problem_file}',
      endpoint: 'http://127.0.0.1:9/v1',
      model: 'm',
      repeat: 1,
      concurrency: 1,
      maxTurns: 5,
      tokenBudget: 0,
      agentTimeoutS: 1,
      testTimeoutS: 10,
      save: false,
      signal: new AbortController().signal,
    })
    expect(r.instances[0]).toMatchObject({status: 'error', reason: 'agent timed out after 1 s'})
  })

  it('leaves no worktree behind in the source repository', async () => {
    const ws = await checkout(f.repo, f.base, `${f.reposDir}/scratch`)
    await ws.dispose()
    const list = await execa('git', ['worktree', 'list'], {cwd: f.repo})
    expect(list.stdout.trim().split('\n')).toHaveLength(1)
  })
})
