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
    const {createRunner, displayCommand} = await import('../../provision/runner.js')
    const {stopCommands} = await import('../../provision/service-control.js')
    const selected = selectServers(args.id)
    for (const {config, server} of selected) {
      const runner = createRunner({pathPrepend: config.path})
      for (const c of stopCommands(server)) {
        const r = await runner.run(c)
        if (r.exitCode !== 0) this.error(`${displayCommand(c)} failed: ${r.stderr.trim()}`, {exit: 1})
      }
      this.log(`${server.name}: stopped ${server.service.name}`)
    }
  }
}
