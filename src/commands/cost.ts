import {Flags} from '@oclif/core'
import {OacCommand} from '../cli/oac-command.js'
import {UsageError} from '../errors.js'
import type {CostSummary} from '../routing/cost/cost-summary.js'

export default class Cost extends OacCommand {
  static override summary = "What the box cost and saved: local electricity vs cloud spend, from the router's ledger."
  static override description =
    `Reads the cost ledger \`oac router\` writes (every request's tokens, cloud dollars at the upstream's price,
local energy from GPU power sampled during the request, marked estimated when it came from power limits). Prints local
vs cloud spend, what sending every request to one cloud model would have cost for the same tokens, and the month the
savings repay the hardware (its price from --hardware-cost or the matching profile's hardwareCostUsd).`
  static override examples = [
    '<%= config.bin %> cost',
    '<%= config.bin %> cost --since 7d --compare-to claude-opus-4-5',
    '<%= config.bin %> cost --since 2026-11-01 --hardware-cost 4200 --json',
  ]
  static override enableJsonFlag = true
  static override flags = {
    since: Flags.string({default: '30d', description: 'window: a duration (30d, 12h, 2w) or a date (2026-11-01)'}),
    'compare-to': Flags.string({description: 'cloud model for "all cloud" (default: the most used cloud model)'}),
    'hardware-cost': Flags.string({description: "hardware cost in USD, instead of the profile's hardwareCostUsd"}),
  }

  async run(): Promise<CostSummary> {
    const {flags} = await this.parse(Cost)
    const hardware = flags['hardware-cost']
    if (hardware !== undefined && !(Number(hardware) >= 0 && hardware.trim() !== ''))
      throw new UsageError(`--hardware-cost must be a non-negative number, not \`${hardware}\``)
    const {costReport} = await import('../routing/cost/cost-report.js')
    const {renderCost} = await import('../routing/cost/render-cost.js')
    const summary = costReport({
      since: flags.since,
      ...(flags['compare-to'] ? {compareTo: flags['compare-to']} : {}),
      ...(hardware !== undefined ? {hardwareCostUsd: Number(hardware)} : {}),
    })
    this.log(renderCost(summary))
    return summary
  }
}
