import {createServer, type Server, type ServerResponse} from 'node:http'
import {McpServer} from '@modelcontextprotocol/sdk/server/mcp.js'
import {StdioServerTransport} from '@modelcontextprotocol/sdk/server/stdio.js'
import {StreamableHTTPServerTransport} from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import {z} from 'zod'
import {credentialValues} from '../agent/shell/env-policy.js'
import {listenError, UsageError} from '../errors.js'
import {redactDeep, redactSecrets} from '../store/redact.js'
import {BodyTooLargeError, exposureError, guardRequest, readBody, SERVER_TIMEOUTS} from '../util/request-guard.js'
import {oacVersion} from '../version.js'
import {CodeSearch, type SearchMode} from './code-search.js'
import {readIndexStatus} from './index-status.js'
import {latestResults} from './latest-results.js'
import {renderHitsForModel} from './render-hits.js'

// `oac mcp`: oac's own MCP server, so Claude Code, OpenCode, Cursor (and oac agent) query the same code index and
// read oac's latest results. Over stdio, or streamable HTTP in stateless mode (a fresh protocol server per request,
// sharing one open index). Every tool is read-only.

export interface McpContext {
  root: string
  dbFile?: string
  search?: Promise<CodeSearch>
}

// Every answer leaves through these two, with secrets redacted (store/redact.ts): indexed files are a repository's,
// and stored results may name endpoints. By value too: the credentials of the environment oac mcp runs in (its
// MYSQL_PWD in a file's text), as the agent does for its tools' output.
const answer = (t: string, isError = false) => ({
  content: [{type: 'text' as const, text: t}],
  ...(isError ? {isError} : {}),
})
const text = (t: string, isError = false) => answer(redactSecrets(t, credentialValues(process.env)), isError)
const json = (value: unknown) => answer(JSON.stringify(redactDeep(value, credentialValues(process.env)), null, 2))
const READ_ONLY = {readOnlyHint: true, openWorldHint: false}

async function guarded(run: () => Promise<ReturnType<typeof text>>) {
  try {
    return await run()
  } catch (error) {
    return text((error as Error).message, true)
  }
}

/** A protocol server with oac's tools over the shared context. */
export function oacMcpServer(ctx: McpContext): McpServer {
  const server = new McpServer({name: 'oac', version: oacVersion().version})
  server.registerTool(
    'search_code',
    {
      description:
        "Search this project's code index (oac index) by meaning or name. Returns the best files (source first; docs, tests and type declarations marked), each with path:start-end, symbol and a snippet; says when the index is lexical only.",
      inputSchema: {
        query: z.string().min(1),
        k: z.number().int().min(1).max(50).optional(),
        mode: z.enum(['hybrid', 'lexical', 'vector']).optional(),
      },
      annotations: READ_ONLY,
    },
    ({query, k, mode}) =>
      guarded(async () => {
        ctx.search ??= CodeSearch.open(ctx.root)
        const search = await ctx.search.catch((error) => {
          ctx.search = undefined
          throw error
        })
        return text(
          renderHitsForModel(await search.search(query, {k: k ?? 10, mode: (mode ?? 'hybrid') as SearchMode})),
        )
      }),
  )
  server.registerTool(
    'index_status',
    {
      description: 'What the code index holds: files, chunks, vectors, embedding model, when it was last updated.',
      annotations: READ_ONLY,
    },
    () => guarded(async () => json(await readIndexStatus(ctx.root))),
  )
  server.registerTool(
    'latest_results',
    {
      description:
        "oac's newest complete bench and eval results per model (throughput, latency, tool-calling accuracy), read-only.",
      inputSchema: {
        model: z.string().optional(),
        kind: z.enum(['bench', 'eval-tool-calling', 'eval-swe', 'eval-retrieval']).optional(),
      },
      annotations: READ_ONLY,
    },
    ({model, kind}) =>
      guarded(async () => {
        const results = latestResults({
          ...(model ? {model} : {}),
          ...(kind ? {kind} : {}),
          ...(ctx.dbFile ? {dbFile: ctx.dbFile} : {}),
        })
        return results.length
          ? json(results)
          : text('No complete bench or eval runs recorded yet (oac bench, oac eval).')
      }),
  )
  return server
}

export async function serveStdio(ctx: McpContext): Promise<void> {
  const server = oacMcpServer(ctx)
  await server.connect(new StdioServerTransport())
  // The client closing our stdin ends the session too (the transport only watches for errors): without this the
  // process waited on a promise nothing could settle, and Node left with exit 13.
  await new Promise<void>((resolve) => {
    server.server.onclose = resolve
    process.stdin.once('end', () => void server.close().then(resolve, resolve))
  })
}

/** The largest MCP request body: a JSON-RPC call carries a query and a few options, far below this. */
export const MCP_MAX_BODY_BYTES = 1024 * 1024

function rpcError(res: ServerResponse, status: number, message: string, code = -32600): void {
  if (!res.headersSent) res.writeHead(status, {'content-type': 'application/json'})
  res.end(JSON.stringify({jsonrpc: '2.0', error: {code, message}, id: null}))
}

/**
 * Streamable HTTP at /mcp behind the shared request guard (loopback Host names, JSON POSTs, a body limit, and the
 * key when one is given); resolves with the listening server. A bind beyond loopback needs a key.
 */
export async function serveHttp(ctx: McpContext, o: {host: string; port: number; apiKey?: string}): Promise<Server> {
  const exposed = exposureError(o.host, o.apiKey)
  if (exposed) throw new UsageError(exposed)
  const guard = {host: o.host, apiKeys: o.apiKey ? [o.apiKey] : [], maxBodyBytes: MCP_MAX_BODY_BYTES}
  const http = createServer(SERVER_TIMEOUTS, async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname
    const refused = guardRequest(req, guard, path)
    if (refused) return rpcError(res, refused.status, refused.message)
    if (path !== '/mcp') return void res.writeHead(404).end()
    if (req.method !== 'POST') return void res.writeHead(405, {allow: 'POST'}).end()
    let body: unknown
    try {
      const text = await readBody(req, MCP_MAX_BODY_BYTES)
      body = text ? JSON.parse(text) : undefined
    } catch (error) {
      if (error instanceof BodyTooLargeError) return rpcError(res, 413, error.message)
      return rpcError(res, 400, `request body is not JSON: ${(error as Error).message}`, -32700)
    }
    try {
      const server = oacMcpServer(ctx)
      const transport = new StreamableHTTPServerTransport({sessionIdGenerator: undefined})
      res.on('close', () => {
        void transport.close()
        void server.close()
      })
      await server.connect(transport)
      await transport.handleRequest(req, res, body)
    } catch (error) {
      rpcError(res, 500, (error as Error).message, -32603)
    }
  })
  await new Promise<void>((resolve, reject) => {
    http.once('error', (error) => reject(listenError(error, o.host, o.port)))
    http.listen(o.port, o.host, resolve)
  })
  return http
}
