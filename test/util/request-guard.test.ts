import type {Server} from 'node:http'
import {request} from 'node:http'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {MCP_MAX_BODY_BYTES, serveHttp} from '../../src/rag/mcp-server.js'
import {routingConfigSchema} from '../../src/routing/config.js'
import {type RunningRouter, startRouter} from '../../src/routing/router/server.js'
import {exposureError, loopbackHostAllowed, SERVER_TIMEOUTS} from '../../src/util/request-guard.js'
import {runCli} from '../support/run-cli.js'

// One request guard for every oac server (sim and serve share one HTTP face; the router; oac mcp --http). A browser
// page reaches a loopback server through DNS rebinding (127.attacker.example resolving to 127.0.0.1) or a text/plain
// cross-site POST; both are refused everywhere, bodies are bounded, and keys lock what is bound beyond loopback.

interface Sent {
  method?: string
  host?: string
  type?: string
  key?: string
  body?: string | Buffer
  chunked?: boolean
}

function send(url: string, o: Sent) {
  return new Promise<{status: number; body: string}>((resolve, reject) => {
    const u = new URL(url)
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: o.method ?? 'GET',
        headers: {
          ...(o.host ? {host: o.host} : {}),
          ...(o.type ? {'content-type': o.type} : {}),
          ...(o.key ? {authorization: `Bearer ${o.key}`} : {}),
          ...(o.chunked ? {'transfer-encoding': 'chunked'} : {}),
          accept: 'application/json, text/event-stream',
        },
      },
      (res) => {
        let body = ''
        res.on('data', (d) => (body += d))
        res.on('end', () => resolve({status: res.statusCode ?? 0, body}))
      },
    )
    req.on('error', reject)
    req.end(o.body)
  })
}

const chat = JSON.stringify({model: 'sim-model', messages: [{role: 'user', content: 'hi'}], max_tokens: 2})
const rpc = JSON.stringify({jsonrpc: '2.0', id: 1, method: 'tools/list', params: {}})

let sim: RunningSim
let locked: RunningSim
let router: RunningRouter
let mcp: Server
let mcpUrl: string
beforeAll(async () => {
  sim = await startSim({port: 0, ttftMs: 0, itlMs: 0})
  locked = await startSim({port: 0, ttftMs: 0, itlMs: 0, apiKey: 'k-123'})
  const config = routingConfigSchema.parse({upstreams: [{name: 'sim', url: sim.baseUrl, models: ['sim-model']}]})
  router = await startRouter({config, host: '127.0.0.1', port: 0})
  mcp = await serveHttp({root: process.cwd()}, {host: '127.0.0.1', port: 0})
  mcpUrl = `http://127.0.0.1:${(mcp.address() as {port: number}).port}/mcp`
})
afterAll(async () => {
  await Promise.all([sim.close(), locked.close(), router.close()])
  await new Promise((r) => mcp.close(r))
})

// Each server with a GET that works and a JSON POST that works.
const servers = () => [
  {name: 'sim', get: `${sim.baseUrl}/models`, post: `${sim.baseUrl}/chat/completions`, body: chat},
  {name: 'router', get: `${router.baseUrl}/models`, post: `${router.baseUrl}/chat/completions`, body: chat},
  {name: 'mcp', get: undefined, post: mcpUrl, body: rpc},
]

describe('the request guard of every server', () => {
  it('answers exact loopback Host names only (DNS rebinding)', async () => {
    for (const s of servers()) {
      const port = new URL(s.post).port
      for (const host of ['127.attacker.example', `127.attacker.example:${port}`, 'evil.example', 'localhost.evil:1'])
        expect((await send(s.post, {method: 'POST', host, type: 'application/json', body: s.body})).status).toBe(403)
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'LOCALHOST'])
        expect((await send(s.post, {method: 'POST', host, type: 'application/json', body: s.body})).status).toBe(200)
      if (s.get) expect((await send(s.get, {host: `127.0.0.1.nip.io:${port}`})).status, s.name).toBe(403)
    }
  })

  it('refuses a POST that is not JSON (a cross-site form or text/plain fetch)', async () => {
    for (const s of servers())
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''])
        expect((await send(s.post, {method: 'POST', type, body: s.body})).status, `${s.name} ${type}`).toBe(415)
  })

  it('--api-key: every route but /health needs the key', async () => {
    expect((await send(`${locked.url}/health`, {})).status).toBe(200)
    expect((await send(`${locked.baseUrl}/models`, {})).status).toBe(401)
    expect((await send(`${locked.baseUrl}/models`, {key: 'wrong'})).status).toBe(401)
    expect((await send(`${locked.baseUrl}/models`, {key: 'k-123'})).status).toBe(200)
  })

  it('refuses a non-loopback --host without a key', () => {
    expect(exposureError('0.0.0.0', undefined)).toMatch(/--api-key/)
    expect(exposureError('127.attacker.example', undefined)).toMatch(/--api-key/)
    expect(exposureError('0.0.0.0', 'k')).toBeUndefined()
    expect(exposureError('127.0.0.1', undefined)).toBeUndefined()
  })

  it('reads a Host header strictly', () => {
    expect(loopbackHostAllowed('[::1]:80', '::1')).toBe(true)
    expect(loopbackHostAllowed('127.0.0.2:80', '127.0.0.2')).toBe(true)
    expect(loopbackHostAllowed('127.0.0.2:80', '127.0.0.1')).toBe(false)
    for (const bad of [undefined, '', 'localhost:80:80', 'localhost:abc', 'user@localhost', '[::1', 'localhost/x'])
      expect(loopbackHostAllowed(bad, '127.0.0.1'), String(bad)).toBe(false)
  })
})

describe('oac mcp --http', () => {
  it('bounds the body: declared or streamed past the limit is 413, and the server keeps serving', async () => {
    const big = Buffer.alloc(MCP_MAX_BODY_BYTES + 1, 0x20)
    expect((await send(mcpUrl, {method: 'POST', type: 'application/json', body: big})).status).toBe(413)
    expect((await send(mcpUrl, {method: 'POST', type: 'application/json', body: big, chunked: true})).status).toBe(413)
    const ok = await send(mcpUrl, {method: 'POST', type: 'application/json', body: rpc})
    expect(ok.body).toContain('search_code')
    expect(mcp.headersTimeout).toBe(SERVER_TIMEOUTS.headersTimeout)
    expect(mcp.requestTimeout).toBe(SERVER_TIMEOUTS.requestTimeout)
  })

  it('with --api-key: a request without the key is 401', async () => {
    const keyed = await serveHttp({root: process.cwd()}, {host: '127.0.0.1', port: 0, apiKey: 'm-key'})
    try {
      const url = `http://127.0.0.1:${(keyed.address() as {port: number}).port}/mcp`
      expect((await send(url, {method: 'POST', type: 'application/json', body: rpc})).status).toBe(401)
      expect((await send(url, {method: 'POST', type: 'application/json', body: rpc, key: 'm-key'})).status).toBe(200)
    } finally {
      await new Promise((r) => keyed.close(r))
    }
  })

  it('refuses to bind beyond loopback without --api-key (exit 2)', async () => {
    const r = await runCli(['mcp', '--http', '--host', '0.0.0.0', '--port', '0'], {env: {OAC_MCP_API_KEY: ''}})
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(/--host 0\.0\.0\.0 makes the server reachable from other machines; give it --api-key/)
  })
})
