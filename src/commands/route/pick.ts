import {Flags} from '@oclif/core'
import {OacCommand} from '../../cli/oac-command.js'
import type {RoutePickResult} from '../../routing/pick/route-pick.js'

export default class RoutePick extends OacCommand {
  static override summary =
    'Choose the model for each kind of work (agent, fast, long_context, embeddings) from stored runs.'
  static override description =
    'Floors come from the flags, else ~/.config/oac/route-policy.yaml (same names in camelCase), else the defaults. Only measured evidence counts: runs on this hardware, of the engine and quantization each endpoint serves now. Each class prints every candidate’s figures, the runs they come from and the rule that excluded it; missing evidence is never guessed, the command that would measure it is printed instead. Where no local model qualifies and your own settings have "allowCloud": true, a cloud model of the routing file is proposed as that class’s overflow, with its price and its stored runs, if any. --write saves an `oac router` config (fallbacks: the next-best candidates) and records the decision for `oac route apply` and `oac route show`.'
  static override examples = [
    '<%= config.bin %> route pick',
    '<%= config.bin %> route pick --write ~/.config/oac/routing.yaml',
    '<%= config.bin %> route pick --routing routing.yaml   # may propose its cloud models where no local one qualifies',
    '<%= config.bin %> route pick --min-decode-tok-s 30 --max-coding-p90-ttft-ms 2000 --json',
    '<%= config.bin %> route pick --fleet inventory.yml --write routing.yaml',
  ]
  static override enableJsonFlag = true
  static override flags = {
    write: Flags.string({description: 'write the router config here and record the decision'}),
    'min-decode-tok-s': Flags.string({
      description: 'agent: decode speed floor at concurrency 1 (tok/s)',
      default: '20',
    }),
    'max-coding-p90-ttft-ms': Flags.string({
      description: 'agent: p90 TTFT ceiling on the coding dataset',
      default: '5000',
    }),
    'min-fast-tool-accuracy': Flags.string({description: 'fast: tool-calling accuracy floor (0..1)', default: '0.6'}),
    'min-long-context-accuracy': Flags.string({description: 'long_context: accuracy floor (0..1)', default: '0.5'}),
    'agent-weights': Flags.string({description: 'agent: rank by a weighted sum instead, e.g. swe=1,tool=0.5'}),
    routing: Flags.string({
      description: 'routing file whose cloud upstreams may be proposed [default: routing.yaml in the config dir]',
    }),
    'hardware-fingerprint': Flags.string({description: "compare runs of this hardware instead of this machine's"}),
    fleet: Flags.string({
      description:
        'Ansible inventory: its hosts answering now are the candidates; hosts serving a model share its load',
    }),
  }

  async run(): Promise<RoutePickResult> {
    const {flags} = await this.parse(RoutePick)
    const {routePick} = await import('../../routing/pick/route-pick.js')
    const {pickOptionsFromFlags} = await import('../../routing/pick/parse-flags.js')
    const {renderPick} = await import('../../routing/pick/render.js')
    const result = await routePick(pickOptionsFromFlags(flags))
    const {allowCloudHint} = await import('../../routing/allow-cloud.js')
    this.log(renderPick(result, allowCloudHint()))
    return result
  }
}
