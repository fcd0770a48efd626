import {Args} from '@oclif/core'
import {OacCommand} from '../../../cli/oac-command.js'

export default class AgentSessionsDelete extends OacCommand {
  static override summary = 'Delete agent sessions by id (or id prefix), with their messages and tool output.'
  static override description = 'Exit 2: no session with that id.'
  static override examples = ['<%= config.bin %> agent sessions delete 3f9a2c']
  static override strict = false
  static override enableJsonFlag = true
  static override args = {id: Args.string({required: true, description: 'session ids or prefixes'})}

  async run() {
    const {argv} = await this.parse(AgentSessionsDelete)
    const {deleteSessions} = await import('../../../agent/session-retention.js')
    const result = await deleteSessions(argv as string[])
    this.log(`Deleted ${result.deleted} session(s).`)
    return result
  }
}
