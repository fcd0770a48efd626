import {abortOnCtrlC} from '../../cli/ctrl-c.js'
import {OacCommand} from '../../cli/oac-command.js'
import type {DatasetCard} from '../../finetune/prepare/card.js'
import {PREPARE_DESCRIPTION, PREPARE_EXAMPLES, prepareArgs, prepareFlags} from '../../finetune/prepare/flags.js'
import type {PrepareEvent} from '../../finetune/prepare/prepare.js'

export default class FinetunePrepare extends OacCommand {
  static override summary = "Training pairs from a repository's history, with a dataset card and a split check."
  static override description = PREPARE_DESCRIPTION
  static override examples = PREPARE_EXAMPLES
  static override enableJsonFlag = true
  static override args = prepareArgs
  static override flags = prepareFlags

  async run(): Promise<DatasetCard> {
    const {args, flags} = await this.parse(FinetunePrepare)
    const {prepare} = await import('../../finetune/prepare/prepare.js')
    const {toPrepareOptions} = await import('../../finetune/prepare/flags.js')
    const {renderCard} = await import('../../finetune/prepare/card.js')
    const {progressBar} = await import('../../cli/progress.js')
    const {quote} = await import('shell-quote')
    const progress = progressBar(Boolean(flags.json) || !process.stderr.isTTY, 'prepare')
    const onEvent = (e: PrepareEvent) => {
      if (e.type === 'start') progress.phase('prepare: commits', e.total)
      else progress.update(e.done, `${e.kept} pairs`)
    }
    const command = quote([this.config.bin, 'finetune', 'prepare', ...this.argv])
    const options = toPrepareOptions(args.path, flags, command, abortOnCtrlC())
    const card = await prepare(options, onEvent).finally(() => progress.stop())
    if (!flags.json) this.log(renderCard(card))
    process.exitCode = card.status === 'partial' ? 130 : 0
    return card
  }
}
