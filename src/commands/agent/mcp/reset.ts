import {Flags} from '@oclif/core'
import {OacCommand} from '../../../cli/oac-command.js'

export default class AgentMcpReset extends OacCommand {
  static override summary = "Forget the approvals of this project's MCP servers (or, with --all, of every project)."
  static override examples = ['<%= config.bin %> agent mcp reset', '<%= config.bin %> agent mcp reset --all']
  static override enableJsonFlag = true
  static override flags = {all: Flags.boolean({default: false, description: 'every project, not only this one'})}

  async run() {
    const {flags} = await this.parse(AgentMcpReset)
    const {resetMcpApprovals} = await import('../../../agent/mcp/mcp-approval-actions.js')
    const result = await resetMcpApprovals(process.cwd(), flags.all)
    this.log(flags.all ? 'Forgot every MCP approval.' : `Forgot the MCP approvals of ${result.root}.`)
    return result
  }
}
