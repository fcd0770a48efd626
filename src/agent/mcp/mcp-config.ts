import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {z} from 'zod'

// `.oac/mcp.json` in the project root, in the shape Claude Code and Cursor use:
// {"mcpServers": {"name": {"command": "npx", "args": [...], "env": {...}} | {"url": "http://.../mcp"}}}

const stdioServer = z.object({
  type: z.literal('stdio').optional(),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
})
const httpServer = z.object({
  type: z.enum(['http', 'streamable-http']).optional(),
  url: z.url(),
  headers: z.record(z.string(), z.string()).default({}),
})
const configFile = z.object({mcpServers: z.record(z.string(), z.union([stdioServer, httpServer])).default({})})

export type McpServerConfig = z.infer<typeof stdioServer> | z.infer<typeof httpServer>
export type McpConfig = z.infer<typeof configFile>

export const MCP_CONFIG_PATH = join('.oac', 'mcp.json')

export class McpConfigError extends Error {
  override name = 'McpConfigError'
}

/** The project's MCP servers; none when the file does not exist. */
export async function loadMcpConfig(root: string): Promise<McpConfig> {
  const file = join(root, MCP_CONFIG_PATH)
  const text = await readFile(file, 'utf8').catch(() => undefined)
  if (text === undefined) return {mcpServers: {}}
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new McpConfigError(`${file}: invalid JSON (${(error as Error).message})`)
  }
  const parsed = configFile.safeParse(data)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new McpConfigError(
    `${file}: \`${issue?.path.join('.')}\`: ${issue?.message} (expected {"mcpServers": {NAME: {command, args, env} | {url}}})`,
  )
}
