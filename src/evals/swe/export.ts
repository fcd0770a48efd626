import {writeFile} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {makeDir} from '../../make-dir.js'
import {Store} from '../../store/store.js'
import {predictionModel} from './predictions.js'
import {type AttemptResult, attemptResult} from './result.js'
import {sweRunParams} from './run-options.js'
import {SweSetupError} from './run-swe.js'
import {type SweSummary, summarize} from './summary.js'

// `oac eval swe export RUN_ID --dir D`: a stored run in SWE-bench's own layout and field names, so tools that read
// SWE-bench's evaluation output read oac's (SWE-bench 7a21e05: swebench/harness/run_evaluation.py writes
// logs/run_evaluation/<run_id>/<model>/<instance_id>/{patch.diff, report.json, test_output.txt, run_instance.log};
// reporting.py writes the run report <model>.<run_id>.json, schema_version 2; grading.py the per-instance report).
// As in SWE-bench, report.json exists only for instances judged to a test report (resolved or unresolved); empty
// patches and errors have their logs only. One attempt per instance (--attempt, default the first).

export interface ExportOptions {
  runId: number
  dir: string
  /** 0-based attempt of a --repeat run. */
  attempt?: number
}

export interface ExportResult {
  /** The run report file. */
  report: string
  /** The folder of the per-instance logs and reports. */
  logs: string
  instances: number
  reports: number
}

/** SWE-bench's per-instance report.json for one judged attempt. */
export function instanceReport(a: AttemptResult): Record<string, unknown> {
  const tests = a.fail_to_pass && a.pass_to_pass
  const split = (record: Record<string, boolean> = {}) => ({
    success: Object.keys(record).filter((id) => record[id]),
    failure: Object.keys(record).filter((id) => !record[id]),
  })
  return {
    [a.instance_id]: {
      patch_is_None: false,
      patch_exists: true,
      // SWE-bench's grading sets this when the log holds test results: false for a build break with no report.
      patch_successfully_applied: Boolean(tests),
      resolved: a.status === 'resolved',
      ...(tests
        ? {
            tests_status: {
              FAIL_TO_PASS: split(a.fail_to_pass),
              PASS_TO_PASS: split(a.pass_to_pass),
              FAIL_TO_FAIL: {success: [], failure: []},
              PASS_TO_FAIL: {success: [], failure: []},
            },
          }
        : {}),
    },
  }
}

/** SWE-bench's run report (make_run_report) from oac's summary, in SWE-bench's field order. */
export function runReport(s: SweSummary): Record<string, unknown> {
  return {
    total_instances: s.total_instances,
    submitted_instances: s.submitted_instances,
    completed_instances: s.completed_instances,
    resolved_instances: s.resolved_instances,
    unresolved_instances: s.unresolved_instances,
    empty_patch_instances: s.empty_patch_instances,
    error_instances: s.error_instances,
    completed_ids: s.completed_ids,
    incomplete_ids: s.incomplete_ids,
    empty_patch_ids: s.empty_patch_ids,
    submitted_ids: s.submitted_ids,
    resolved_ids: s.resolved_ids,
    unresolved_ids: s.unresolved_ids,
    error_ids: s.error_ids,
    schema_version: s.schema_version,
  }
}

/** What oac's harness did for the attempt, in the place of SWE-bench's run_instance.log. */
function instanceLog(a: AttemptResult, runId: number): string {
  return [
    `oac eval swe run ${runId}, instance ${a.instance_id}, attempt ${a.attempt + 1}`,
    `status: ${a.status}${a.reason ? ` (${a.reason})` : ''}`,
    `wall time: ${a.duration_s} s (agent ${a.agent_s} s, judge ${a.judge_s} s)`,
    `turns: ${a.turns ?? 'n/a'}, prompt tokens: ${a.prompt_tokens ?? 'n/a'}, completion tokens: ${a.completion_tokens ?? 'n/a'}`,
    '',
  ].join('\n')
}

const safeName = (s: string) => s.replace(/\//g, '__').replace(/^\.+/, '_')

export async function exportRun(o: ExportOptions): Promise<ExportResult> {
  const store = Store.open()
  let run: ReturnType<Store['getRun']>
  let samples: ReturnType<Store['samples']>
  try {
    run = store.getRun(o.runId)
    samples = run ? store.samples(o.runId) : []
  } finally {
    store.close()
  }
  if (!run) throw new SweSetupError(`no run ${o.runId} in the results store`)
  if (run.kind !== 'eval-swe') throw new SweSetupError(`run ${o.runId} is a ${run.kind} run, not eval-swe`)
  const params = sweRunParams.safeParse(run.params)
  if (!params.success) throw new SweSetupError(`run ${o.runId} has no SWE parameters to export`)
  const attempt = o.attempt ?? 0
  if (attempt >= params.data.repeat)
    throw new SweSetupError(
      `run ${o.runId} made ${params.data.repeat} attempt(s) per instance; --attempt ${attempt + 1} is not one`,
    )
  const attempts = samples.map((s) => attemptResult.parse(s.data)).filter((a) => a.attempt === attempt)
  const model = predictionModel(params.data.model, params.data.agent)
  const summary = summarize(attempts, params.data.model, params.data.agent, 1, params.data.instanceIds)
  const runName = String(o.runId)
  const logs = resolve(o.dir, 'logs', 'run_evaluation', runName, safeName(model))
  let reports = 0
  for (const a of attempts) {
    const dir = join(logs, safeName(a.instance_id))
    makeDir(dir)
    await writeFile(join(dir, 'patch.diff'), a.model_patch)
    await writeFile(join(dir, 'run_instance.log'), instanceLog(a, o.runId))
    if (a.test_log !== undefined) await writeFile(join(dir, 'test_output.txt'), a.test_log)
    if (a.trace) await writeFile(join(dir, 'trace.jsonl'), `${a.trace}\n`)
    if (a.status === 'resolved' || a.status === 'unresolved') {
      await writeFile(join(dir, 'report.json'), `${JSON.stringify(instanceReport(a), null, 4)}\n`)
      reports++
    }
  }
  const report = resolve(o.dir, `${safeName(model)}.${runName}.json`)
  makeDir(resolve(o.dir))
  await writeFile(report, `${JSON.stringify(runReport(summary), null, 4)}\n`)
  return {report, logs, instances: attempts.length, reports}
}
