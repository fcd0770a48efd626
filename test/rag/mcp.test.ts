import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Client} from '@modelcontextprotocol/sdk/client/index.js'
import {StdioClientTransport} from '@modelcontextprotocol/sdk/client/stdio.js'
import {StreamableHTTPClientTransport} from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import {describe, expect, it} from 'vitest'
import type {Script} from '../../src/engines/sim/script.js'
import {buildIndex} from '../../src/rag/build-index.js'
import {serveHttp} from '../../src/rag/mcp-server.js'
import {Store} from '../../src/store/store.js'
import {runInRepo} from '../agent/run-in-repo.js'
import {tempRepo} from '../agent/temp-repo.js'

// `oac mcp` as MCP clients see it: the SDK's client over stdio and streamable HTTP, and oac agent via .oac/mcp.json.

const tsx = import.meta.resolve('tsx')
const cli = new URL('../../bin/dev.js', import.meta.url).pathname
const PROJECT = {
  'src/durations.ts': 'export function parseDuration(text: string): number {\n  return Number.parseInt(text, 10)\n}\n',
  'README.md': '# Timers\nStart a timer from a duration.\n',
}
type ToolResult = {content: {type: string; text: string}[]; isError?: boolean}
const textOf = (r: unknown) => (r as ToolResult).content.map((c) => c.text).join('\n')

async function indexedRepo() {
  const repo = await tempRepo(PROJECT)
  await buildIndex({root: repo})
  return repo
}

/** An OAC_HOME whose results database holds one complete bench run of `sim-model`. */
function homeWithResults(): string {
  const home = mkdtempSync(join(tmpdir(), 'oac-mcp-home-'))
  const store = Store.open(join(home, 'oac.db'))
  const run = store.startRun({kind: 'bench', model: 'sim-model', params: {}})
  store.finishRun(run, 'complete', {output_throughput: 123.4})
  store.close()
  return home
}

describe('oac mcp', () => {
  it('over stdio: lists its tools and answers search_code, index_status and latest_results', async () => {
    const repo = await indexedRepo()
    const home = homeWithResults()
    const client = new Client({name: 'test', version: '1'})
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ['--import', tsx, cli, 'mcp'],
        cwd: repo,
        env: {...(process.env as Record<string, string>), OAC_HOME: home},
        stderr: 'ignore',
      }),
    )
    try {
      const {tools} = await client.listTools()
      expect(tools.map((t) => t.name).sort()).toEqual(['index_status', 'latest_results', 'search_code'])
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true)
      const found = textOf(await client.callTool({name: 'search_code', arguments: {query: 'parseDuration', k: 2}}))
      expect(found).toMatch(/^src\/durations\.ts:1-3 function parseDuration\n/)
      const status = JSON.parse(textOf(await client.callTool({name: 'index_status', arguments: {}})))
      expect(status).toMatchObject({root: repo, files: 2, lexicalOnly: true, embedding: null})
      const results = JSON.parse(textOf(await client.callTool({name: 'latest_results', arguments: {}})))
      expect(results).toEqual([
        expect.objectContaining({kind: 'bench', model: 'sim-model', summary: {output_throughput: 123.4}}),
      ])
    } finally {
      await client.close()
    }
  }, 60_000)

  it('over streamable HTTP, and a search without an index is an error result naming the command', async () => {
    const repo = await indexedRepo()
    const bare = mkdtempSync(join(tmpdir(), 'oac-mcp-bare-'))
    for (const [root, indexed] of [
      [repo, true],
      [bare, false],
    ] as const) {
      const server = await serveHttp({root}, {host: '127.0.0.1', port: 0})
      const client = new Client({name: 'test', version: '1'})
      try {
        const url = `http://127.0.0.1:${(server.address() as {port: number}).port}/mcp`
        await client.connect(new StreamableHTTPClientTransport(new URL(url)))
        const r = (await client.callTool({name: 'search_code', arguments: {query: 'timer duration'}})) as ToolResult
        if (indexed) expect(textOf(r)).toMatch(/README\.md:1-2 section Timers|src\/durations\.ts:1-3/)
        else expect(r).toMatchObject({isError: true, content: [{text: expect.stringContaining(`oac index "${bare}"`)}]})
      } finally {
        await client.close()
        await new Promise((r) => server.close(r))
      }
    }
  }, 60_000)

  it('works as an MCP server of oac agent from .oac/mcp.json', async () => {
    const repo = await indexedRepo()
    mkdirSync(join(repo, '.oac'), {recursive: true})
    writeFileSync(
      join(repo, '.oac', 'mcp.json'),
      JSON.stringify({mcpServers: {oac: {command: process.execPath, args: ['--import', tsx, cli, 'mcp']}}}),
    )
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {toolCalls: [{name: 'mcp__oac__search_code', arguments: {query: 'parseDuration'}}]}},
        {
          match: {toolResult: 'src/durations\\.ts:1-3 function parseDuration'},
          reply: {content: 'In src/durations.ts.'},
        },
      ],
    }
    const run = await runInRepo(repo, script, {task: 'Where is parseDuration?', approveMcp: true})
    expect(run.result).toMatchObject({status: 'success', text: 'In src/durations.ts.'})
    expect(run.of('start')[0]?.tools).toEqual(
      expect.arrayContaining(['search_code', 'mcp__oac__search_code', 'mcp__oac__index_status']),
    )
  }, 60_000)
})
