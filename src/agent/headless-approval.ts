import type {ApprovalHook} from './tools/tool.js'

/**
 * Approval without a person to ask: changes (write, edit, bash, MCP tools) are allowed only with --yes; what only
 * a person may allow (destructive commands, protected paths, credentials, commands without a sandbox) is refused,
 * since --yes was given before anyone saw the call.
 */
export function headlessApproval(yes: boolean): ApprovalHook {
  return async (request) => !request.dangerous && !request.person && yes
}
