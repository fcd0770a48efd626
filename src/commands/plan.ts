import {Flags} from '@oclif/core'
import {OacCommand} from '../cli/oac-command.js'
import type {ResolvedPlan} from '../profiles/resolve.js'

export default class Plan extends OacCommand {
  static override summary = 'Show what a profile would run here: engine, models, quantization, context and memory fit.'
  static override description =
    'Memory fit = weights + KV cache (per token × context × parallel sequences) + engine overhead, against the memory the engine may use. `quantization: auto` picks the best quality that fits.'
  static override examples = [
    '<%= config.bin %> plan',
    '<%= config.bin %> plan --profile rtx5090',
    '<%= config.bin %> plan --profile dual-4090 --context 131072 --json',
    '<%= config.bin %> plan --profile m4-max --hardware fixtures/hardware/m4-max-128',
  ]
  static override enableJsonFlag = true
  static override flags = {
    profile: Flags.string({char: 'p', description: 'profile id (default: the one matching this machine)'}),
    context: Flags.integer({min: 256, description: "context length of the primary model (default: the profile's)"}),
    hardware: Flags.string({
      description: 'plan for captured hardware (a fixtures/hardware folder or `oac detect --json` output)',
    }),
  }

  async run(): Promise<ResolvedPlan> {
    const {flags} = await this.parse(Plan)
    const {resolvePlan} = await import('../profiles/resolve.js')
    const {renderPlan} = await import('../profiles/render-plan.js')
    const result = await resolvePlan({
      profile: flags.profile,
      hardwarePath: flags.hardware,
      context: flags.context,
    })
    this.log(renderPlan(result.plan))
    return result
  }
}
