// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is the config files' own syntax

import {mkdirSync, realpathSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {join} from 'node:path'
import {execa} from 'execa'
import {describe, expect, it} from 'vitest'
import type {Script} from '../../src/engines/sim/script.js'
import {runInRepo} from './run-in-repo.js'
import {tempRepo} from './temp-repo.js'

// Real MCP servers over stdio: the reference filesystem and everything servers, started from node_modules.

const serverPath = (pkg: string) =>
  new URL(`../../node_modules/@modelcontextprotocol/${pkg}/dist/index.js`, import.meta.url).pathname

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as {port: number}
  await new Promise((resolve) => server.close(resolve))
  return port
}

function writeMcpConfig(repo: string, servers: Record<string, unknown>): void {
  mkdirSync(join(repo, '.oac'), {recursive: true})
  writeFileSync(join(repo, '.oac', 'mcp.json'), JSON.stringify({mcpServers: servers}, null, 2))
}

describe('MCP servers from .oac/mcp.json', () => {
  it('lists their tools as mcp__server__tool, calls them, and skips a server that does not start', async () => {
    const repo = realpathSync(await tempRepo({'notes.txt': 'the secret is 42\n'}))
    writeMcpConfig(repo, {
      filesystem: {command: process.execPath, args: [serverPath('server-filesystem'), repo]},
      everything: {command: process.execPath, args: [serverPath('server-everything'), 'stdio']},
      broken: {command: join(repo, 'no-such-server')},
    })
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {toolCalls: [{name: 'mcp__filesystem__read_text_file', arguments: {path: join(repo, 'notes.txt')}}]}},
        {
          match: {toolResult: '^the secret is 42\\n?$'},
          reply: {toolCalls: [{name: 'mcp__everything__echo', arguments: {message: 'hello'}}]},
        },
        {match: {toolResult: '^Echo: hello$'}, reply: {content: 'The secret is 42.'}},
      ],
    }
    const run = await runInRepo(repo, script, {task: 'What is the secret in notes.txt?', approveMcp: true})
    expect(run.result).toMatchObject({status: 'success', text: 'The secret is 42.'})
    const tools = run.of('start')[0]?.tools ?? []
    expect(tools.slice(0, 9)).toEqual(['read', 'write', 'edit', 'multi_edit', 'bash', 'grep', 'glob', 'ls', 'todo'])
    expect(tools).toEqual(
      expect.arrayContaining([
        'mcp__filesystem__read_text_file',
        'mcp__filesystem__list_directory',
        'mcp__everything__echo',
        'mcp__everything__get-sum',
      ]),
    )
    expect(tools.some((t) => t.startsWith('mcp__broken__'))).toBe(false)
    expect(run.of('notice').map((e) => e.message)).toEqual([
      expect.stringMatching(/^MCP server `broken` did not start: .*; continuing without it$/),
    ])
    expect(run.of('tool_result').map((e) => e.isError)).toEqual([false, false])
  })

  it('rejects a config that does not have the expected shape, naming the field', async () => {
    const repo = await tempRepo({})
    writeMcpConfig(repo, {bad: {args: ['x']}})
    const run = runInRepo(repo, {mode: 'match', rules: [{reply: {content: 'x'}}]}, {task: 'x', approveMcp: true})
    await expect(run).rejects.toThrow(/mcp\.json:\d+: `mcpServers\.bad/)
  })

  it('talks to a server over streamable HTTP', async () => {
    const port = await freePort()
    const server = execa(process.execPath, [serverPath('server-everything'), 'streamableHttp'], {
      env: {PORT: String(port)},
      reject: false,
    })
    try {
      await new Promise<void>((resolve, reject) => {
        server.stderr?.on('data', (d: Buffer) => d.toString().includes('listening') && resolve())
        server.then((r) => reject(new Error(`server exited: ${r.stderr}`)))
      })
      const repo = await tempRepo({})
      writeMcpConfig(repo, {everything: {url: `http://127.0.0.1:${port}/mcp`}})
      const script: Script = {
        mode: 'ordered',
        rules: [
          {reply: {toolCalls: [{name: 'mcp__everything__get-sum', arguments: {a: 2, b: 40}}]}},
          {match: {toolResult: '42'}, reply: {content: '2 + 40 = 42'}},
        ],
      }
      const run = await runInRepo(repo, script, {task: 'add 2 and 40', approveMcp: true})
      expect(run.result).toMatchObject({status: 'success', text: '2 + 40 = 42'})
      expect(run.of('tool_result')[0]).toMatchObject({isError: false, output: expect.stringContaining('42')})
    } finally {
      server.kill()
    }
  })

  it("reads Claude Code's .mcp.json with ${VAR} and ${VAR:-default}", async () => {
    const repo = await tempRepo({})
    writeFileSync(
      join(repo, '.mcp.json'),
      JSON.stringify({
        mcpServers: {
          everything: {
            command: '${OAC_TEST_NODE}',
            args: ['${OAC_TEST_UNSET:-' + serverPath('server-everything') + '}', 'stdio'],
          },
        },
      }),
    )
    const script: Script = {
      mode: 'ordered',
      rules: [
        {reply: {toolCalls: [{name: 'mcp__everything__echo', arguments: {message: 'from .mcp.json'}}]}},
        {match: {toolResult: '^Echo: from \\.mcp\\.json$'}, reply: {content: 'echoed'}},
      ],
    }
    process.env.OAC_TEST_NODE = process.execPath
    try {
      const run = await runInRepo(repo, script, {task: 'echo', approveMcp: true})
      expect(run.result).toMatchObject({status: 'success', text: 'echoed'})
    } finally {
      delete process.env.OAC_TEST_NODE
    }
  })

  it('talks to a server over the older HTTP+SSE transport ("type": "sse")', async () => {
    const port = await freePort()
    const server = execa(process.execPath, [serverPath('server-everything'), 'sse'], {
      env: {PORT: String(port)},
      reject: false,
    })
    try {
      await new Promise<void>((resolve, reject) => {
        server.stderr?.on('data', (d: Buffer) => d.toString().includes('running on port') && resolve())
        server.then((r) => reject(new Error(`server exited: ${r.stderr}`)))
      })
      const repo = await tempRepo({})
      writeMcpConfig(repo, {everything: {type: 'sse', url: `http://127.0.0.1:${port}/sse`}})
      const script: Script = {
        mode: 'ordered',
        rules: [
          {reply: {toolCalls: [{name: 'mcp__everything__get-sum', arguments: {a: 40, b: 2}}]}},
          {match: {toolResult: '42'}, reply: {content: '40 + 2 = 42'}},
        ],
      }
      const run = await runInRepo(repo, script, {task: 'add 40 and 2', approveMcp: true})
      expect(run.result).toMatchObject({status: 'success', text: '40 + 2 = 42'})
    } finally {
      server.kill()
    }
  })
})
