import {Flags} from '@oclif/core'
import {OacCommand} from '../cli/oac-command.js'

export default class Mcp extends OacCommand {
  static override summary = "oac's MCP server: the code index and the latest bench/eval results for any MCP client."
  static override description =
    `Serves the tools search_code, index_status and latest_results (all read-only) over stdio, or over
streamable HTTP at /mcp with --http (loopback Host names and JSON POSTs only; --api-key to bind beyond
loopback). The index is the one \`oac index\` built for the project (the nearest
.oac/index above the current folder, or --root). For Claude Code, put this in the project's .mcp.json:
  {"mcpServers": {"oac": {"command": "oac", "args": ["mcp"]}}}`
  static override examples = [
    '<%= config.bin %> mcp',
    '<%= config.bin %> mcp --http --port 8765',
    'OAC_MCP_API_KEY=$(openssl rand -hex 16) <%= config.bin %> mcp --http --host 0.0.0.0',
    'claude mcp add oac -- oac mcp',
  ]
  static override flags = {
    http: Flags.boolean({default: false, description: 'serve streamable HTTP instead of stdio'}),
    host: Flags.string({
      default: '127.0.0.1',
      description: 'address to bind with --http (beyond loopback only with --api-key)',
    }),
    'api-key': Flags.string({
      env: 'OAC_MCP_API_KEY',
      description: 'with --http: clients must send it (Authorization: Bearer KEY)',
    }),
    port: Flags.integer({default: 8765, min: 0, max: 65535, description: 'port with --http (0: any free port)'}),
    root: Flags.string({description: 'project folder whose index to serve (default: found from the current folder)'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Mcp)
    const {findIndexRoot, projectFolder} = await import('../rag/find-index.js')
    const {serveHttp, serveStdio} = await import('../rag/mcp-server.js')
    const ctx = {root: flags.root ? projectFolder(flags.root) : await findIndexRoot(process.cwd())}
    if (!flags.http) return serveStdio(ctx)
    const key = flags['api-key']
    const server = await serveHttp(ctx, {host: flags.host, port: flags.port, ...(key ? {apiKey: key} : {})})
    const address = server.address() as {port: number}
    this.log(`oac mcp listening on http://${flags.host}:${address.port}/mcp (index of ${ctx.root})`)
    await new Promise<void>((done) => {
      process.once('SIGINT', () => server.close(() => done()))
      process.once('SIGTERM', () => server.close(() => done()))
    })
  }
}
