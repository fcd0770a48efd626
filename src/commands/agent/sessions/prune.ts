import {Flags} from '@oclif/core'
import {OacCommand} from '../../../cli/oac-command.js'
import {UsageError} from '../../../errors.js'

export default class AgentSessionsPrune extends OacCommand {
  static override summary = 'Delete agent sessions (messages and tool output) not used for a while.'
  static override description =
    'Sessions live in the results database under $OAC_HOME. Exit 2: a malformed --older-than.'
  static override examples = ['<%= config.bin %> agent sessions prune --older-than 30d']
  static override enableJsonFlag = true
  static override flags = {
    'older-than': Flags.string({default: '30d', description: 'age since last use: 30d, 12h, 90m'}),
  }

  async run() {
    const {flags} = await this.parse(AgentSessionsPrune)
    const {parseAge, pruneSessions} = await import('../../../agent/session-retention.js')
    const age = parseAge(flags['older-than'])
    if (age === undefined)
      throw new UsageError(`Expected --older-than like 30d, 12h or 90m, got \`${flags['older-than']}\``)
    const result = await pruneSessions(age)
    this.log(`Deleted ${result.deleted} session(s) last used before ${result.before}.`)
    return result
  }
}
