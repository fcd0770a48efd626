import {Flags} from '@oclif/core'
import {OacCommand} from '../../cli/oac-command.js'
import type {FleetPlan} from '../../fleet/types.js'

export default class FleetPlanCommand extends OacCommand {
  static override summary = 'Plan one model across the hosts of an Ansible inventory: engine, split, memory, network.'
  static override description =
    'Each host carries `oac_link_gbps` and `oac_profile` or `oac_hardware` (a captured `oac detect --json`; without a profile, the one it matches). Macs get MLX distributed, identical NVIDIA boxes vLLM on Ray (tensor parallel inside a host, pipeline across hosts), mixed boxes llama.cpp RPC. Exits 1 when the plan does not fit or the network is refused.'
  static override examples = [
    '<%= config.bin %> fleet plan -i inventory.yml --model glm-4.5-air',
    '<%= config.bin %> fleet plan -i macs.yml --model deepseek-v3 --json',
    '<%= config.bin %> fleet plan -i boxes.yml --model glm-4.5-air --layout tensor',
  ]
  static override enableJsonFlag = true
  static override flags = {
    inventory: Flags.string({char: 'i', required: true, description: 'Ansible YAML inventory of the fleet'}),
    model: Flags.string({char: 'm', required: true, description: 'catalog model id (`oac profiles` lists them)'}),
    layout: Flags.string({options: ['pipeline', 'tensor'], default: 'pipeline', description: 'split across hosts'}),
    quantization: Flags.string({char: 'q', description: 'catalog quantization (default: the best that fits)'}),
    context: Flags.integer({min: 256, default: 32768, description: 'context length per sequence'}),
    parallel: Flags.integer({min: 1, default: 1, description: 'sequences served at once'}),
  }

  async run(): Promise<FleetPlan> {
    const {flags} = await this.parse(FleetPlanCommand)
    const {planFleetFromInventory} = await import('../../fleet/load-fleet.js')
    const {renderFleetPlan} = await import('../../fleet/render.js')
    const plan = planFleetFromInventory(flags.inventory, {
      model: flags.model,
      layout: flags.layout as 'pipeline' | 'tensor',
      context: flags.context,
      parallel: flags.parallel,
      ...(flags.quantization ? {quantization: flags.quantization} : {}),
    })
    this.log(renderFleetPlan(plan))
    if (plan.refused) process.exitCode = 1
    return plan
  }
}
