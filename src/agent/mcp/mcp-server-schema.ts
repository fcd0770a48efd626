import {z} from 'zod'

// One MCP server entry, in the shape Claude Code, Cursor and `.mcp.json` use: a command to start (stdio), or a URL
// (streamable HTTP, or the older HTTP+SSE transport with `"type": "sse"`).

export const stdioServer = z.object({
  type: z.literal('stdio').optional(),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
})
export const httpServer = z.object({
  type: z.enum(['http', 'streamable-http', 'sse']).optional(),
  url: z.url(),
  headers: z.record(z.string(), z.string()).default({}),
})
export const mcpServer = z.union([stdioServer, httpServer])

export type McpServerConfig = z.output<typeof mcpServer>
