import type {ApprovalHook} from './tools/tool.js'

/**
 * Approval without a person to ask: changes (write, edit, bash, MCP tools not marked read-only) are allowed only
 * with --yes; denylisted commands are always refused, since --yes was given before anyone saw the command.
 */
export function headlessApproval(yes: boolean): ApprovalHook {
  return async (request) => !request.dangerous && yes
}
