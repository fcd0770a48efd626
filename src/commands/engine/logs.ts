import {Args, Flags} from '@oclif/core'
import {OacCommand} from '../../cli/oac-command.js'

export default class EngineLogs extends OacCommand {
  static override summary = 'The last lines of the provisioned servers’ logs.'
  static override examples = [
    '<%= config.bin %> engine logs dual-4090-primary -n 100',
    '<%= config.bin %> engine logs -f',
  ]
  static override args = {
    id: Args.string({description: 'a profile (all its servers) or an endpoint name <profile>-<role>; default: all'}),
  }
  static override flags = {
    lines: Flags.integer({char: 'n', min: 0, default: 50, description: 'lines per server'}),
    follow: Flags.boolean({char: 'f', default: false, description: 'keep printing what is appended, until Ctrl-C'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(EngineLogs)
    const {selectServers} = await import('../../provision/config.js')
    const {followFile, tailLines} = await import('../../provision/logs.js')
    const {keepStyles} = await import('../../util/terminal-text.js')
    const selected = selectServers(args.id)
    const many = selected.length > 1
    for (const {server} of selected) {
      if (many) this.log(`==> ${server.name} (${server.log}) <==`)
      const lines = tailLines(server.log, flags.lines)
      if (!lines.length && !many && flags.lines > 0) this.log(`(no log yet at ${server.log})`)
      for (const line of lines) this.log(line)
    }
    if (!flags.follow) return
    const controller = new AbortController()
    process.once('SIGINT', () => controller.abort())
    await Promise.all(
      selected.map(({server}) =>
        followFile(
          server.log,
          // An engine's log holds what clients sent (model names, prompts): its colours pass, nothing else does.
          (text) => process.stdout.write(keepStyles(many ? text.replace(/^(?=.)/gm, `${server.name} | `) : text)),
          controller.signal,
        ),
      ),
    )
  }
}
