import {Args} from '@oclif/core'
import {OacCommand} from '../../cli/oac-command.js'

export default class EngineStop extends OacCommand {
  static override summary = 'Stop the provisioned engine servers.'
  static override examples = ['<%= config.bin %> engine stop', '<%= config.bin %> engine stop dual-4090-fast']
  static override args = {
    id: Args.string({description: 'a profile (all its servers) or an endpoint name <profile>-<role>; default: all'}),
  }

  async run(): Promise<void> {
    const {args} = await this.parse(EngineStop)
    const {selectServers} = await import('../../provision/config.js')
    const {stopCommands} = await import('../../provision/service-control.js')
    const {runServiceCommands} = await import('../../provision/run-service-commands.js')
    await runServiceCommands(selectServers(args.id), stopCommands, 'stopped', (line) => this.log(line))
  }
}
