import {Flags} from '@oclif/core'
import {OacCommand} from '../../cli/oac-command.js'
import type {FleetHostStatus} from '../../fleet/status.js'

export default class FleetStatus extends OacCommand {
  static override summary =
    "One table of every fleet host's engine: health, model, running and waiting requests, tok/s."
  static override description =
    "Reads each host's OpenAI /v1/models and Prometheus /metrics at ansible_host:oac_port, all hosts at once. A host that does not answer is shown down. Exits 1 when any host is down."
  static override examples = [
    '<%= config.bin %> fleet status -i inventory.yml',
    '<%= config.bin %> fleet status -i inventory.yml --interval 0 --json',
  ]
  static override enableJsonFlag = true
  static override flags = {
    inventory: Flags.string({char: 'i', required: true, description: 'Ansible YAML inventory of the fleet'}),
    interval: Flags.integer({
      min: 0,
      default: 1000,
      description: 'ms between the two /metrics samples for tok/s (0: skip)',
    }),
  }

  async run(): Promise<FleetHostStatus[]> {
    const {flags} = await this.parse(FleetStatus)
    const {loadInventory} = await import('../../fleet/inventory.js')
    const {fleetStatus, renderFleetStatus} = await import('../../fleet/status.js')
    const rows = await fleetStatus(loadInventory(flags.inventory).hosts, flags.interval)
    this.log(renderFleetStatus(rows))
    if (rows.some((r) => !r.healthy)) process.exitCode = 1
    return rows
  }
}
