import type {AgentTool} from '../tools/tool.js'

// /tools: every tool the model has, with where it comes from and whether it asks before running.

/** `built-in`, or `MCP server NAME` for a tool named mcp__NAME__tool. */
export function toolSource(name: string): string {
  const server = /^mcp__(.+?)__/.exec(name)?.[1]
  return server ? `MCP server ${server}` : 'built-in'
}

export function formatTools(tools: readonly AgentTool[]): string {
  const width = Math.max(0, ...tools.map((t) => t.spec.function.name.length)) + 2
  return tools
    .map((t) => {
      const name = t.spec.function.name
      return `  ${name.padEnd(width)}${toolSource(name)}${t.mutates ? ', asks first' : ''}`
    })
    .join('\n')
}
