import type {Client} from '@modelcontextprotocol/sdk/client/index.js'
import type {Tool} from '@modelcontextprotocol/sdk/types.js'
import {type AgentTool, ToolError} from '../tools/tool.js'
import {mcpResultText} from './mcp-result-text.js'

// An MCP server's tool as an agent tool, named `mcp__server__tool` (Claude Code's convention) so that tools of
// different servers cannot collide and the model can tell where a tool comes from.

const CALL_TIMEOUT_MS = 120_000
/** OpenAI-compatible servers accept tool names of 1-64 characters from [a-zA-Z0-9_-]. */
const safe = (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, '_')

export function mcpToolName(server: string, tool: string): string {
  return `mcp__${safe(server)}__${safe(tool)}`.slice(0, 64)
}

export function mcpTool(client: Client, server: string, tool: Tool): AgentTool {
  // `$schema` names a draft the validator may not know; the model does not need it either.
  const {$schema: _, ...parameters} = tool.inputSchema as Record<string, unknown>
  return {
    spec: {
      type: 'function',
      function: {name: mcpToolName(server, tool.name), description: tool.description ?? tool.title ?? '', parameters},
    },
    // A server's readOnlyHint is its own claim, not a permission: every MCP call is asked about like a change.
    mutates: true,
    async run(args, {signal}) {
      const result = await client.callTool({name: tool.name, arguments: args}, undefined, {
        signal,
        timeout: CALL_TIMEOUT_MS,
      })
      const text = mcpResultText(result)
      if (result.isError) throw new ToolError(text)
      return text
    },
  }
}
