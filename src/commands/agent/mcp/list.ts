import {OacCommand} from '../../../cli/oac-command.js'

export default class AgentMcpList extends OacCommand {
  static override summary = "The project's MCP servers, what each runs, and whether you approved it."
  static override description =
    'States: approved, new (never approved), changed (its entry changed since you approved it).'
  static override examples = ['<%= config.bin %> agent mcp list']
  static override enableJsonFlag = true

  async run() {
    await this.parse(AgentMcpList)
    const {listMcpApprovals, renderMcpStatus} = await import('../../../agent/mcp/mcp-approval-actions.js')
    const result = await listMcpApprovals(process.cwd()).catch((error: Error) => this.error(error.message, {exit: 2}))
    this.log(renderMcpStatus(result.servers))
    return result
  }
}
