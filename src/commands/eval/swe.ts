import {abortOnCtrlC, stoppedExit} from '../../cli/ctrl-c.js'
import {OacCommand} from '../../cli/oac-command.js'
import {SWE_DESCRIPTION, SWE_EXAMPLES, sweFlags} from '../../evals/swe/flags.js'
import type {SweEvent, SweReport} from '../../evals/swe/run-swe.js'

export default class EvalSwe extends OacCommand {
  static override summary =
    'Whole coding tasks judged by hidden tests (SWE-bench rules), for the built-in agent or any other.'
  static override description = SWE_DESCRIPTION
  static override examples = SWE_EXAMPLES
  static override enableJsonFlag = true
  static override flags = sweFlags

  async run(): Promise<SweReport> {
    const {flags} = await this.parse(EvalSwe)
    const {resolveTarget} = await import('../../cli/resolve-target.js')
    const {runSwe} = await import('../../evals/swe/run-swe.js')
    const {toSweOptions} = await import('../../evals/swe/parse-flags.js')
    const {renderSwe, sweExitCode} = await import('../../evals/swe/render.js')
    const {progressBar} = await import('../../cli/progress.js')
    const progress = progressBar(Boolean(flags.json) || !process.stderr.isTTY, 'SWE eval')
    const onEvent = (e: SweEvent) => {
      if (e.type === 'start') progress.phase(`SWE eval: ${e.model} (${e.agent})`, e.total)
      progress.update(e.done, `${e.resolved} resolved${e.type === 'attempt' ? ` · ${e.result.instance_id}` : ''}`)
    }
    const target = flags.resume === undefined && !flags.judge ? resolveTarget(flags) : undefined
    const signal = abortOnCtrlC()
    const report = await runSwe(toSweOptions(flags, target, signal), onEvent).finally(() => progress.stop())
    if (!flags.json) this.log(renderSwe(report))
    process.exitCode = sweExitCode(report, stoppedExit(signal))
    return report
  }
}
