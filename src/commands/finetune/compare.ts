import {abortOnCtrlC} from '../../cli/ctrl-c.js'
import {OacCommand} from '../../cli/oac-command.js'
import type {CompareEvent, CompareReport} from '../../finetune/compare/compare.js'
import {COMPARE_DESCRIPTION, COMPARE_EXAMPLES, compareFlags} from '../../finetune/compare/flags.js'

export default class FinetuneCompare extends OacCommand {
  static override summary = 'A tuned model against its base on held-out tasks: keep, no measurable gain or regressed.'
  static override description = COMPARE_DESCRIPTION
  static override examples = COMPARE_EXAMPLES
  static override enableJsonFlag = true
  static override flags = compareFlags

  async run(): Promise<CompareReport> {
    const {flags} = await this.parse(FinetuneCompare)
    const {compareModels} = await import('../../finetune/compare/compare.js')
    const {toCompareOptions} = await import('../../finetune/compare/flags.js')
    const {renderCompare} = await import('../../finetune/compare/render.js')
    const signal = abortOnCtrlC()
    const onEvent = (e: CompareEvent) => {
      if (!flags.json) process.stderr.write(`${e.stage}\n`)
    }
    const report = await compareModels(toCompareOptions(flags, signal), onEvent)
    if (!flags.json) this.log(renderCompare(report))
    process.exitCode = signal.aborted ? 130 : {keep: 0, 'no measurable gain': 1, regressed: 1, 'n/a': 2}[report.verdict]
    return report
  }
}
