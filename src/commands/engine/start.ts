import {Args, Flags} from '@oclif/core'
import {OacCommand} from '../../cli/oac-command.js'

export default class EngineStart extends OacCommand {
  static override summary =
    'Start the provisioned engine servers (systemctl --user / launchctl), or run them in the foreground.'
  static override examples = [
    '<%= config.bin %> engine start',
    '<%= config.bin %> engine start dual-4090',
    '<%= config.bin %> engine start rtx5090-primary --foreground',
  ]
  static override args = {
    id: Args.string({description: 'a profile (all its servers) or an endpoint name <profile>-<role>; default: all'}),
  }
  static override flags = {
    foreground: Flags.boolean({default: false, description: 'run the launch scripts here until Ctrl-C, no service'}),
    wait: Flags.boolean({default: true, allowNo: true, description: 'wait until every server is healthy'}),
    timeout: Flags.integer({min: 1, default: 900, description: 'seconds to wait for health'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(EngineStart)
    const {selectServers} = await import('../../provision/config.js')
    const {runServiceCommands} = await import('../../provision/run-service-commands.js')
    const {engineStartCommands} = await import('../../provision/service-control.js')
    const {waitHealthy} = await import('../../provision/http.js')
    const selected = selectServers(args.id)
    if (!selected.length) this.error('no provisioned engines: run oac setup --profile P first', {exit: 2})
    if (flags.foreground) {
      const {runForeground} = await import('../../provision/foreground.js')
      process.exitCode = await runForeground(selected, (line) => this.log(line))
      return
    }
    await runServiceCommands(selected, engineStartCommands, 'started', (line) => this.log(line))
    if (!flags.wait) return
    const {stageList} = await import('../../cli/stage-list.js')
    const titles = selected.map(
      ({server}) => `${server.name}: waiting for ${server.healthUrl} (up to ${flags.timeout} s)`,
    )
    const progress = stageList(titles, {quiet: false, tty: Boolean(process.stdout.isTTY)})
    for (const {server} of selected) {
      const waited = await waitHealthy(server.healthUrl, {
        timeoutMs: flags.timeout * 1000,
        onWait: (s) => progress.output(`${s} s of ${flags.timeout} s, model still loading`),
      }).then(
        () => undefined,
        (error: Error) => error,
      )
      if (waited) {
        progress.fail(waited)
        await progress.stop()
        this.error(`${server.name}: ${waited.message} (see oac engine logs ${server.name})`, {exit: 1})
      }
      progress.done(`${server.name}: healthy at ${server.baseUrl}`)
    }
    await progress.stop()
  }
}
