import {Flags} from '@oclif/core'
import {OacCommand} from '../../../cli/oac-command.js'

export default class AgentSessionsList extends OacCommand {
  static override summary = 'Saved agent sessions, last used first: id, date, turns, model and first prompt.'
  static override description =
    'Only the sessions of the current project (its git root) unless --all. Continue one with oac agent --resume ID, or oac agent --resume to pick.'
  static override examples = [
    '<%= config.bin %> agent sessions list',
    '<%= config.bin %> agent sessions list --all --limit 50',
    '<%= config.bin %> agent sessions list --json',
  ]
  static override enableJsonFlag = true
  static override flags = {
    all: Flags.boolean({default: false, description: "every project's sessions, not only this one's"}),
    limit: Flags.integer({min: 1, default: 20, description: 'at most this many'}),
  }

  async run() {
    const {flags} = await this.parse(AgentSessionsList)
    const {listSessions, renderSessionList} = await import('../../../agent/session-list.js')
    const list = await listSessions(process.cwd(), {all: flags.all, limit: flags.limit})
    this.log(renderSessionList(list))
    return list
  }
}
