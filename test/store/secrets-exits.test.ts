import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Client} from '@modelcontextprotocol/sdk/client/index.js'
import {InMemoryTransport} from '@modelcontextprotocol/sdk/inMemory.js'
import Database from 'better-sqlite3'
import {afterEach, describe, expect, it} from 'vitest'
import {buildIndex} from '../../src/rag/build-index.js'
import {oacMcpServer} from '../../src/rag/mcp-server.js'
import {generateReport} from '../../src/report/generate.js'
import {Store} from '../../src/store/store.js'
import {tempHome, tempRepo} from '../agent/temp-repo.js'

// A bench of `http://user:PASS@host/v1` kept the password in the run's parameters and summary, and `oac mcp`'s
// latest_results served it. Every write to the store redacts; every exit (MCP, report) redacts again, for rows
// written before the store did.

const PASS = 'S3cretPassw0rdXyz'
const URL_WITH_PASS = `http://alice:${PASS}@127.0.0.1:8000/v1`
const TOKEN = 'ghp_decoy0123456789abcdefghijklmnopqrst'

function storeFiles(dir: string): string {
  return readdirSync(dir)
    .filter((f) => f.startsWith('oac.db'))
    .map((f) => readFileSync(join(dir, f), 'latin1'))
    .join('')
}

describe('secrets and the store', () => {
  it('stores runs, samples, endpoints and route decisions without the password or token', () => {
    const dir = tempHome()
    const store = Store.open(join(dir, 'oac.db'))
    store.upsertEndpoint({url: URL_WITH_PASS, model: 'm', name: 'e'})
    const run = store.startRun({
      kind: 'bench',
      model: 'm',
      endpointUrl: URL_WITH_PASS,
      params: {endpoint: URL_WITH_PASS},
    })
    store.addSample(run, {idx: 0, ok: false, error: `POST ${URL_WITH_PASS}/chat: 401`, data: {note: `token ${TOKEN}`}})
    store.finishRun(run, 'complete', {runs: [{endpoint: URL_WITH_PASS, output_throughput: 12.5}]})
    store.saveRouteDecision({decision: {classes: [{taskClass: 'agent', endpointUrl: URL_WITH_PASS, reason: 'r'}]}})
    expect(store.getRun(run)?.summary).toEqual({
      runs: [{endpoint: 'http://127.0.0.1:8000/v1', output_throughput: 12.5}],
    })
    expect(store.listEndpoints()[0]?.url).toBe('http://127.0.0.1:8000/v1')
    store.close()
    expect(storeFiles(dir)).not.toContain(PASS)
    expect(storeFiles(dir)).not.toContain(TOKEN)
  })

  it('latest_results (oac mcp) and the report redact rows written before the store did', async () => {
    const dir = tempHome()
    const file = join(dir, 'oac.db')
    const store = Store.open(file)
    const run = store.startRun({kind: 'bench', model: 'm', params: {}})
    store.finishRun(run, 'complete', {})
    store.close()
    const raw = new Database(file)
    raw
      .prepare('UPDATE runs SET summary = ? WHERE id = ?')
      .run(JSON.stringify({endpoint: URL_WITH_PASS, note: TOKEN}), run)
    raw
      .prepare('INSERT INTO route_decisions (created_at, decision) VALUES (?, ?)')
      .run(
        new Date().toISOString(),
        JSON.stringify({classes: [{taskClass: 'agent', model: 'm', endpointUrl: URL_WITH_PASS, reason: 'r'}]}),
      )
    raw.close()

    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
    const server = oacMcpServer({root: dir, dbFile: file})
    await server.connect(serverSide)
    const client = new Client({name: 't', version: '1'})
    await client.connect(clientSide)
    const result = (await client.callTool({name: 'latest_results', arguments: {}})) as {content: {text: string}[]}
    await client.close()
    const served = result.content[0]?.text ?? ''
    expect(JSON.parse(served)[0].summary).toEqual({
      endpoint: 'http://127.0.0.1:8000/v1',
      note: '[REDACTED:github-token]',
    })

    const out = join(dir, 'report.html')
    await generateReport({dbFile: file, out, options: {electricityPrice: 0.3, cloudPrice: 10, hoursPerDay: 8}})
    const html = readFileSync(out, 'utf8')
    expect(html).toContain('http://127.0.0.1:8000/v1')
    expect(html).not.toContain(PASS)
  })

  afterEach(() => {
    delete process.env.MYSQL_PWD
  })

  it('search_code (oac mcp) redacts the credentials of its own environment by value, as the agent does', async () => {
    // A value no pattern knows (no key name beside it, no token format): only its being MYSQL_PWD says it is secret.
    process.env.MYSQL_PWD = 'plain-decoy-mysql-42'
    const root = await tempRepo({'ops/connect.md': '# Connecting\nmysql -u root, then type plain-decoy-mysql-42\n'})
    await buildIndex({root})
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
    const server = oacMcpServer({root})
    await server.connect(serverSide)
    const client = new Client({name: 't', version: '1'})
    await client.connect(clientSide)
    const result = (await client.callTool({name: 'search_code', arguments: {query: 'connecting mysql root'}})) as {
      content: {text: string}[]
    }
    await client.close()
    const served = result.content[0]?.text ?? ''
    expect(served).toContain('ops/connect.md')
    expect(served).toContain('mysql -u root, then type [REDACTED:env]')
  })
})
