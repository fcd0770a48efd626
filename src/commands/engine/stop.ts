import {Args, Command} from '@oclif/core'
import {exitForConfigErrors} from '../../cli/errors.js'

export default class EngineStop extends Command {
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
    let selected: ReturnType<typeof selectServers> = []
    try {
      selected = selectServers(args.id)
    } catch (error) {
      exitForConfigErrors(this, error)
    }
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
