import {Client} from '@modelcontextprotocol/sdk/client/index.js'
import {SSEClientTransport} from '@modelcontextprotocol/sdk/client/sse.js'
import {getDefaultEnvironment, StdioClientTransport} from '@modelcontextprotocol/sdk/client/stdio.js'
import {StreamableHTTPClientTransport} from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type {Transport} from '@modelcontextprotocol/sdk/shared/transport.js'
import {oacVersion} from '../../version.js'
import type {AgentTool} from '../tools/tool.js'
import type {McpServerConfig, McpServerEntry} from './mcp-config.js'
import {mcpTool} from './mcp-tool.js'

// Starts the project's MCP servers side by side and lists their tools. A server that fails to start or to answer
// in time is reported and left out; the others are used.

const CONNECT_TIMEOUT_MS = 20_000

export interface McpTools {
  tools: AgentTool[]
  /** One line per server that could not be used. */
  failures: string[]
  close(): Promise<void>
}

function transportFor(config: McpServerConfig, root: string, stderrTail: string[]): Transport {
  if ('url' in config) {
    const options = {requestInit: {headers: config.headers}}
    // The older HTTP+SSE transport (MCP 2024-11-05), still common for hosted servers.
    if (config.type === 'sse') return new SSEClientTransport(new URL(config.url), options)
    return new StreamableHTTPClientTransport(new URL(config.url), options)
  }
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args,
    env: {...getDefaultEnvironment(), ...config.env},
    cwd: root,
    stderr: 'pipe',
  })
  // Keep the end of what the server printed: it says why a start failed.
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderrTail.push(...chunk.toString().split('\n').filter(Boolean))
    stderrTail.splice(0, Math.max(0, stderrTail.length - 5))
  })
  return transport
}

async function connectOne(name: string, config: McpServerConfig, root: string) {
  const stderrTail: string[] = []
  const client = new Client({name: 'oac', version: oacVersion().version})
  try {
    await client.connect(transportFor(config, root, stderrTail), {timeout: CONNECT_TIMEOUT_MS})
    const tools: AgentTool[] = []
    let cursor: string | undefined
    do {
      const page = await client.listTools(cursor ? {cursor} : {}, {timeout: CONNECT_TIMEOUT_MS})
      tools.push(...page.tools.map((t) => mcpTool(client, name, t)))
      cursor = page.nextCursor
    } while (cursor)
    return {client, tools}
  } catch (error) {
    await client.close().catch(() => undefined)
    const detail = stderrTail.length ? ` (stderr: ${stderrTail.join(' | ').slice(0, 300)})` : ''
    throw new Error(`MCP server \`${name}\` did not start: ${(error as Error).message}${detail}`)
  }
}

export async function connectMcpServers(servers: McpServerEntry[], root: string): Promise<McpTools> {
  const settled = await Promise.allSettled(servers.map((s) => connectOne(s.name, s.config, root)))
  const result: McpTools = {tools: [], failures: [], close: async () => {}}
  const clients: Client[] = []
  for (const s of settled) {
    if (s.status === 'rejected') {
      result.failures.push((s.reason as Error).message)
      continue
    }
    clients.push(s.value.client)
    result.tools.push(...s.value.tools)
  }
  result.close = async () => {
    await Promise.allSettled(clients.map((c) => c.close()))
  }
  return result
}
