import type {ToolContext} from '../../../src/agent/tools/tool.js'

/** A tool context for a project root; approvals answered by `approve` (default: yes). */
export function toolContext(root: string, approve = true): ToolContext {
  return {root, signal: new AbortController().signal, approve: async () => approve, todos: []}
}
