import {Args, Flags} from '@oclif/core'
import {OacCommand} from '../../../cli/oac-command.js'
import {prose} from '../../../cli/prose.js'
import type {ExportResult} from '../../../evals/swe/export.js'

export default class EvalSweExport extends OacCommand {
  static override summary = "Write a stored SWE run in SWE-bench's evaluation layout (report.json per instance, logs)."
  static override description =
    prose(`Writes DIR/logs/run_evaluation/RUN_ID/MODEL/INSTANCE/ with patch.diff, report.json
(SWE-bench's per-instance report: patch_successfully_applied, resolved, tests_status with success and failure per
FAIL_TO_PASS and PASS_TO_PASS; only for instances judged to a test report, as SWE-bench), test_output.txt,
run_instance.log and the agent's trace.jsonl, and the run report DIR/MODEL.RUN_ID.json (total, submitted,
completed, resolved, unresolved, empty patch and error counts and sorted ids, incomplete_ids, schema_version 2).
Exit 2 when the run is not an eval-swe run.`)
  static override examples = [
    '<%= config.bin %> eval swe export 12 --dir swe-out',
    '<%= config.bin %> eval swe export 12 --dir swe-out --attempt 2 --json',
  ]
  static override enableJsonFlag = true
  static override args = {
    run: Args.integer({required: true, min: 1, description: 'the run id (oac report lists them)'}),
  }
  static override flags = {
    dir: Flags.string({required: true, description: 'folder to write into (created; files in it are overwritten)'}),
    attempt: Flags.integer({min: 1, default: 1, description: 'which attempt of a --repeat run (1-based)'}),
  }

  async run(): Promise<ExportResult> {
    const {args, flags} = await this.parse(EvalSweExport)
    const {exportRun} = await import('../../../evals/swe/export.js')
    const result = await exportRun({runId: args.run, dir: flags.dir, attempt: flags.attempt - 1})
    if (!flags.json)
      this.log(
        `wrote ${result.report}\nand ${result.instances} instance folders (${result.reports} report.json) under ${result.logs}`,
      )
    return result
  }
}
