import {Args} from '@oclif/core'
import {OacCommand} from '../../../cli/oac-command.js'
import {prose} from '../../../cli/prose.js'

export default class AgentMcpApprove extends OacCommand {
  static override summary = "Approve the project's MCP servers (.oac/mcp.json) as they are configured now."
  static override description = prose(`A project's MCP servers run commands that whoever wrote the repository chose, so
oac agent starts them only after you approved them here. The approval covers the exact command, args and env (or
URL and headers), is kept in your config dir (not in the repository), and lapses when the entry changes.
Without names, every server of the project is approved. Exit 2: no such server or a malformed .oac/mcp.json.`)
  static override examples = ['<%= config.bin %> agent mcp approve', '<%= config.bin %> agent mcp approve filesystem']
  static override strict = false
  static override enableJsonFlag = true
  static override args = {name: Args.string({description: 'server names (default: all)'})}

  async run() {
    const {argv} = await this.parse(AgentMcpApprove)
    const {approveMcpServers, renderMcpStatus} = await import('../../../agent/mcp/mcp-approval-actions.js')
    const result = await approveMcpServers(process.cwd(), argv as string[]).catch((error: Error) =>
      this.error(error.message, {exit: 2}),
    )
    this.log(`Approved in ${result.root}:\n${renderMcpStatus(result.servers)}`)
    return result
  }
}
