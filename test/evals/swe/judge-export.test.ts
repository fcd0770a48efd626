import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadPredictions} from '../../../src/evals/swe/predictions.js'
import {runSwe} from '../../../src/evals/swe/run-swe.js'
import {runCli} from '../../support/run-cli.js'
import {type Fixture, fixtureRepo, row, writeDataset} from './fixture-repo.js'

// `oac eval swe --judge`: SWE-bench predictions from another harness judged with no agent and no endpoint, stored
// like an agent's run; `oac eval swe export` writes that run in SWE-bench's own layout and field names.

let f: Fixture
beforeAll(async () => {
  f = await fixtureRepo()
})

const scratch = () => mkdtempSync(join(tmpdir(), 'oac-swe-judge-'))
function predictionsFile(rows: unknown[]): string {
  const file = join(scratch(), 'preds.jsonl')
  writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`)
  return file
}
const pred = (instance_id: string, model_patch: string | null, model = 'org/model-x') => ({
  instance_id,
  model_name_or_path: model,
  model_patch,
})

describe('oac eval swe --judge and export', () => {
  it('judges gold, empty, null, wrong and unappliable patches; stores the run; exports SWE-bench layout', async () => {
    const home = scratch()
    const ids = ['gold', 'empty', 'none', 'wrong', 'garbage', 'unpredicted']
    const dataset = writeDataset(ids.map((id) => row(f, id, 'unused')))
    const wrong = f.patch.replace('a + b', 'a + b + 1')
    const predictions = predictionsFile([
      pred('wrong', wrong),
      pred('gold', f.patch),
      pred('empty', ''),
      pred('none', null),
      pred('garbage', 'diff --git a/nope.js b/nope.js\n--- a/nope.js\n+++ b/nope.js\n@@ -1 +1 @@\n-x\n+y\n'),
    ])
    const env = {OAC_HOME: home}
    const r = await runCli(
      ['eval', 'swe', '--dataset', dataset, '--repos', f.reposDir, '--judge', predictions, '--json'],
      {
        env,
      },
    )
    expect(r.exitCode, r.stderr).toBe(1)
    const report = JSON.parse(r.stdout)
    expect(report).toMatchObject({
      model: 'org/model-x',
      agent: 'predictions:preds.jsonl',
      status: 'complete',
      total: 5,
      resolved_ids: ['gold'],
      unresolved_ids: ['wrong'],
      empty_patch_ids: ['empty', 'none'],
      error_ids: ['garbage'],
      total_instances: 6,
      submitted_instances: 5,
      completed_instances: 2,
      completed_ids: ['gold', 'wrong'],
      incomplete_ids: ['unpredicted'],
      submitted_ids: ['empty', 'garbage', 'gold', 'none', 'wrong'],
      schema_version: 2,
    })
    const byId = Object.fromEntries(report.instances.map((i: {instance_id: string}) => [i.instance_id, i]))
    expect(byId.wrong.reason).toBe('failing: add works')
    expect(byId.garbage.reason).toMatch(/^the model patch does not apply/)

    const out = join(scratch(), 'out')
    const ex = await runCli(['eval', 'swe', 'export', String(report.runId), '--dir', out, '--json'], {env})
    expect(ex.exitCode, ex.stderr).toBe(0)
    const logs = join(out, 'logs', 'run_evaluation', String(report.runId), 'org__model-x')
    expect(readdirSync(logs).sort()).toEqual(['empty', 'garbage', 'gold', 'none', 'wrong'])
    expect(JSON.parse(readFileSync(join(logs, 'gold', 'report.json'), 'utf8'))).toEqual({
      gold: {
        patch_is_None: false,
        patch_exists: true,
        patch_successfully_applied: true,
        resolved: true,
        tests_status: {
          FAIL_TO_PASS: {success: ['add works'], failure: []},
          PASS_TO_PASS: {success: ['mul works'], failure: []},
          FAIL_TO_FAIL: {success: [], failure: []},
          PASS_TO_FAIL: {success: [], failure: []},
        },
      },
    })
    const wrongReport = JSON.parse(readFileSync(join(logs, 'wrong', 'report.json'), 'utf8')).wrong
    expect(wrongReport).toMatchObject({resolved: false, tests_status: {FAIL_TO_PASS: {failure: ['add works']}}})
    expect(readFileSync(join(logs, 'wrong', 'patch.diff'), 'utf8')).toBe(wrong)
    expect(readFileSync(join(logs, 'wrong', 'test_output.txt'), 'utf8')).toMatch(/not ok \d+ - add works/)
    // As SWE-bench: no report.json where no test report came back.
    for (const id of ['empty', 'none', 'garbage']) expect(existsSync(join(logs, id, 'report.json'))).toBe(false)
    const summary = JSON.parse(readFileSync(join(out, `org__model-x.${report.runId}.json`), 'utf8'))
    expect(Object.keys(summary)).toEqual([
      'total_instances',
      'submitted_instances',
      'completed_instances',
      'resolved_instances',
      'unresolved_instances',
      'empty_patch_instances',
      'error_instances',
      'completed_ids',
      'incomplete_ids',
      'empty_patch_ids',
      'submitted_ids',
      'resolved_ids',
      'unresolved_ids',
      'error_ids',
      'schema_version',
    ])
    expect(summary).toMatchObject({total_instances: 6, resolved_instances: 1, incomplete_ids: ['unpredicted']})
  }, 120_000)

  it('refuses predictions it cannot judge before anything runs: unknown instance, two models, twice, bad row', async () => {
    const dataset = writeDataset([row(f, 'a', 'unused')])
    const judge = (rows: unknown[]) =>
      runSwe({
        dataset,
        reposDir: f.reposDir,
        judge: predictionsFile(rows),
        agent: 'builtin',
        endpoint: '',
        model: '',
        repeat: 1,
        concurrency: 1,
        maxTurns: 1,
        tokenBudget: 0,
        agentTimeoutS: 1,
        testTimeoutS: 10,
        save: false,
        signal: new AbortController().signal,
      })
    await expect(judge([pred('zzz', '')])).rejects.toThrow(/predictions for instances the dataset lacks: zzz$/)
    await expect(judge([pred('a', ''), pred('a', f.patch)])).rejects.toThrow(
      /row 2: instance_id `a` is predicted twice \(rows 1 and 2\)/,
    )
    expect(() => loadPredictions(predictionsFile([pred('a', ''), pred('b', '', 'other')]))).toThrow(
      /predictions of 2 models \(org\/model-x, other\): judge one file per model/,
    )
    expect(() => loadPredictions(predictionsFile([{instance_id: 'a', model_patch: ''}]))).toThrow(
      /row 1: `model_name_or_path`: missing/,
    )
  })
})
