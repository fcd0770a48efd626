import {Args, Command} from '@oclif/core'

export default class AgentSessionsDelete extends Command {
  static override summary = 'Delete agent sessions by id (or id prefix), with their messages and tool output.'
  static override description = 'Exit 2: no session with that id.'
  static override examples = ['<%= config.bin %> agent sessions delete 3f9a2c']
  static override strict = false
  static override enableJsonFlag = true
  static override args = {id: Args.string({required: true, description: 'session ids or prefixes'})}

  async run() {
    const {argv} = await this.parse(AgentSessionsDelete)
    const {deleteSessions} = await import('../../../agent/session-retention.js')
    let result: {deleted: number} = {deleted: 0}
    try {
      result = await deleteSessions(argv as string[])
    } catch (error) {
      this.error((error as Error).message, {exit: 2})
    }
    this.log(`Deleted ${result.deleted} session(s).`)
    return result
  }
}
