import {OacCommand} from '../../cli/oac-command.js'
import {PLAN_DESCRIPTION, PLAN_EXAMPLES, planFlags} from '../../finetune/plan/flags.js'
import type {FinetunePlan} from '../../finetune/plan/plan.js'

export default class FinetunePlanCommand extends OacCommand {
  static override summary =
    'Does a LoRA/QLoRA run fit this profile, how long would it take, and the scripts that run it.'
  static override description = PLAN_DESCRIPTION
  static override examples = PLAN_EXAMPLES
  static override enableJsonFlag = true
  static override flags = planFlags

  async run(): Promise<FinetunePlan> {
    const {flags} = await this.parse(FinetunePlanCommand)
    const {planFinetune} = await import('../../finetune/plan/plan.js')
    const {toPlanOptions} = await import('../../finetune/plan/flags.js')
    const {renderFinetunePlan} = await import('../../finetune/plan/render.js')
    const plan = planFinetune(toPlanOptions(flags))
    if (!flags.json) this.log(renderFinetunePlan(plan))
    process.exitCode = plan.fits ? 0 : 1
    return plan
  }
}
