import {abortOnCtrlC} from '../../../cli/ctrl-c.js'
import {OacCommand} from '../../../cli/oac-command.js'
import {MINE_DESCRIPTION, MINE_EXAMPLES, mineArgs, mineFlags} from '../../../evals/swe/mine/flags.js'
import type {MineEvent, MineReport} from '../../../evals/swe/mine/mine.js'

export default class EvalSweMine extends OacCommand {
  static override summary = "SWE-bench tasks from a repository's own history, validated by running its tests."
  static override description = MINE_DESCRIPTION
  static override examples = MINE_EXAMPLES
  static override enableJsonFlag = true
  static override args = mineArgs
  static override flags = mineFlags

  async run(): Promise<MineReport> {
    const {args, flags} = await this.parse(EvalSweMine)
    const {mine} = await import('../../../evals/swe/mine/mine.js')
    const {toMineOptions} = await import('../../../evals/swe/mine/parse-flags.js')
    const {renderMine} = await import('../../../evals/swe/mine/render.js')
    const {progressBar} = await import('../../../cli/progress.js')
    const progress = progressBar(Boolean(flags.json) || !process.stderr.isTTY, 'mine')
    const onEvent = (e: MineEvent) => {
      if (e.type === 'start') progress.phase(`mine ${e.repo}: commits`, e.total)
      progress.update(e.done, `${e.kept} kept${e.type === 'commit' ? ` · ${e.sha.slice(0, 12)}` : ''}`)
    }
    const options = toMineOptions(args.path, flags, abortOnCtrlC())
    const report = await mine(options, onEvent).finally(() => progress.stop())
    if (!flags.json) this.log(renderMine(report))
    process.exitCode = report.status === 'partial' ? 130 : 0
    return report
  }
}
