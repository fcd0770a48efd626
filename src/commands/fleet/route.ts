import {Flags} from '@oclif/core'
import {OacCommand} from '../../cli/oac-command.js'
import {UsageError} from '../../errors.js'
import type {FleetRouting} from '../../fleet/upstreams.js'

export default class FleetRoute extends OacCommand {
  static override summary =
    'Write a router config with one upstream per fleet host, hosts serving a model sharing its load.'
  static override description =
    'Asks each host what it serves (/v1/models); a down host keeps its upstream when the inventory names its `oac_model`, so the router can route around it and take it back when it returns.'
  static override examples = [
    '<%= config.bin %> fleet route -i inventory.yml --out routing.yaml && <%= config.bin %> router -c routing.yaml',
  ]
  static override enableJsonFlag = true
  static override flags = {
    inventory: Flags.string({char: 'i', required: true, description: 'Ansible YAML inventory of the fleet'}),
    out: Flags.string({char: 'o', required: true, description: 'router config file to write'}),
  }

  async run(): Promise<FleetRouting> {
    const {flags} = await this.parse(FleetRoute)
    const {loadInventory} = await import('../../fleet/inventory.js')
    const {fleetStatus} = await import('../../fleet/status.js')
    const {fleetRouting, routingYaml} = await import('../../fleet/upstreams.js')
    const {writeFileSync} = await import('node:fs')
    const {hosts} = loadInventory(flags.inventory)
    const routing = fleetRouting(hosts, await fleetStatus(hosts, 0))
    if (!routing.upstreams.length) throw new UsageError('no host answered and none names its oac_model')
    writeFileSync(flags.out, routingYaml(routing))
    this.log(`wrote ${flags.out}: ${routing.upstreams.map((u) => u.name).join(', ')}`)
    if (routing.skipped.length) this.log(`left out (down, no oac_model): ${routing.skipped.join(', ')}`)
    return routing
  }
}
