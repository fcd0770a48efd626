import {Flags} from '@oclif/core'
import {OacCommand} from '../cli/oac-command.js'
import type {Baseline, GateResult} from '../gate/types.js'

export default class Gate extends OacCommand {
  static override summary = 'CI regression gate: compare a run with a baseline and exit 1 on a regression.'
  static override description =
    `Bench runs are compared point by point (same max_concurrency and request_rate): output_throughput may drop 5%,
p99_ttft_ms and mean_tpot_ms may rise 10%. Tool-calling evals: overall and per-category accuracy may drop 2 points.
--max-drop changes a limit (percent for bench figures, points for accuracy).
Exit 0: within limits; 1: a regression; 2: cannot compare (missing run or file, other kind or model, no matching points).
--export RUN_ID prints a baseline file to commit; --baseline takes that file or a run id. \`last\` is the newest complete run.`
  static override examples = [
    '<%= config.bin %> gate --export last > baselines/bench.json',
    '<%= config.bin %> gate --baseline baselines/bench.json',
    '<%= config.bin %> gate --baseline 12 --current 15 --max-drop output_throughput=3 --json',
    '<%= config.bin %> gate --baseline baselines/tools.json --max-drop accuracy=1 --junit gate.xml --markdown gate.md',
  ]
  static override flags = {
    baseline: Flags.string({description: 'baseline file (from --export) or run id (or last)', exclusive: ['export']}),
    current: Flags.string({
      default: 'last',
      description: 'run to check: run id, or last (newest complete run of the kind)',
    }),
    'max-drop': Flags.string({
      multiple: true,
      description:
        'metric=N: how much worse a metric may get; percent for output_throughput, p99_ttft_ms, mean_tpot_ms, tokens_per_s, points for accuracy',
    }),
    'allow-model-change': Flags.boolean({default: false, description: 'compare even when the models differ'}),
    junit: Flags.string({description: 'write a JUnit XML report to FILE'}),
    markdown: Flags.string({description: 'write a Markdown summary (for a PR comment) to FILE'}),
    json: Flags.boolean({default: false, description: 'print {status, reason, checks} as JSON'}),
    export: Flags.string({
      description: 'print the baseline JSON of RUN_ID (or last) to commit',
      exclusive: ['baseline'],
    }),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Gate)
    const {Store} = await import('../store/store.js')
    const {baselineFromRun, loadBaseline, loadCurrent, resolveRun} = await import('../gate/load.js')
    const {parseMaxDrops} = await import('../gate/limits.js')
    const {runGate} = await import('../gate/gate.js')
    const {GateError, exitCodes} = await import('../gate/types.js')
    const {renderJunit, renderMarkdown, renderTable} = await import('../gate/render.js')
    const {mkdir, writeFile} = await import('node:fs/promises')
    const {dirname} = await import('node:path')
    const write = async (file: string, text: string) => {
      await mkdir(dirname(file), {recursive: true})
      await writeFile(file, text)
    }

    if (flags.export !== undefined) {
      const store = Store.open()
      try {
        this.log(JSON.stringify(baselineFromRun(resolveRun(store, flags.export)), null, 2))
      } catch (error) {
        if (!(error instanceof GateError)) throw error
        this.logToStderr(`oac gate: ${error.message}`)
        process.exitCode = 2
      } finally {
        store.close()
      }
      return
    }

    let result: GateResult
    const store = Store.open()
    try {
      if (flags.baseline === undefined) throw new GateError('give --baseline FILE|RUN_ID, or --export RUN_ID')
      const limits = parseMaxDrops(flags['max-drop'])
      const baseline: Baseline = loadBaseline(store, flags.baseline)
      const current = loadCurrent(store, flags.current, baseline)
      result = runGate(baseline, current, {limits, allowModelChange: flags['allow-model-change']})
    } catch (error) {
      if (!(error instanceof GateError)) throw error
      result = {status: 'error', reason: error.message, checks: []}
    } finally {
      store.close()
    }
    if (flags.junit) await write(flags.junit, renderJunit(result))
    if (flags.markdown) await write(flags.markdown, renderMarkdown(result))
    // The table on stdout, the verdict as one line on stderr (in both modes, for CI logs).
    if (flags.json) this.log(JSON.stringify(result, null, 2))
    else if (result.checks.length) this.log(renderTable(result, false))
    this.logToStderr(`oac gate: ${result.status.toUpperCase()}: ${result.reason}`)
    process.exitCode = exitCodes[result.status]
  }
}
