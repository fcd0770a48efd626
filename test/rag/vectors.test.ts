import {readFileSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startSim} from '../../src/engines/sim.js'
import {buildIndex} from '../../src/rag/build-index.js'
import {CodeSearch} from '../../src/rag/code-search.js'
import {createEmbedder} from '../../src/rag/embedder.js'
import {readIndexStatus} from '../../src/rag/index-status.js'
import {tempRepo} from '../agent/temp-repo.js'

// Vectors are never silently missing (issue 25 defect 3), and an embedding endpoint that is down costs one short
// wait, not 3.5 s on every hybrid query (defect 4).

const FILES = {
  'src/config.ts': 'export function loadConfigFile(path: string) {\n  return JSON.parse(path)\n}\n',
  'src/math.ts': 'export function addNumbers(a: number, b: number) {\n  return a + b\n}\n',
}

let sim: Awaited<ReturnType<typeof startSim>>
let hanging: Server
let hangingUrl = ''
let hangingRequests = 0
// An endpoint that answers through the sim until told to hang, as a server that wedges between two runs.
let flaky: Server
let flakyUrl = ''
let flakyHangs = false
let flakyHung = 0
beforeAll(async () => {
  sim = await startSim({port: 0, ttftMs: 0, itlMs: 0})
  // An endpoint that accepts every request and never answers: a wedged server.
  hanging = createServer(() => {
    hangingRequests++
  })
  await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r))
  hangingUrl = `http://127.0.0.1:${(hanging.address() as {port: number}).port}/v1`
  flaky = createServer((req, res) => {
    if (flakyHangs) {
      flakyHung++
      return
    }
    const body: Buffer[] = []
    req.on('data', (b: Buffer) => body.push(b))
    req.on('end', async () => {
      const answer = await fetch(`${sim.baseUrl}${req.url?.replace(/^\/v1/, '')}`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: Buffer.concat(body),
      })
      res.writeHead(answer.status, {'content-type': 'application/json'}).end(await answer.text())
    })
  })
  await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r))
  flakyUrl = `http://127.0.0.1:${(flaky.address() as {port: number}).port}/v1`
})
afterAll(async () => {
  await sim.close()
  for (const server of [hanging, flaky]) {
    server.closeAllConnections()
    await new Promise((r) => server.close(r))
  }
})

describe('vectors are never silently missing', () => {
  it('a plain run reuses the endpoint the index was built with; when it is down the count is loud and the next run fills it', async () => {
    const root = await tempRepo(FILES)
    const first = await buildIndex({root, embedder: createEmbedder(sim.baseUrl, 'sim-model')})
    expect(first).toMatchObject({embedded: 2, vectorsMissing: 0, embedding: {endpoint: sim.baseUrl}})

    writeFileSync(join(root, 'src/config.ts'), 'export function readSettings(path: string) {\n  return path\n}\n')
    expect(await buildIndex({root})).toMatchObject({indexed: 1, embedded: 1, vectorsMissing: 0})

    // The same model served elsewhere, which then goes away: the index remembers that endpoint.
    const other = await startSim({port: 0, ttftMs: 0, itlMs: 0})
    await buildIndex({root, embedder: createEmbedder(other.baseUrl, 'sim-model')})
    await other.close()
    writeFileSync(join(root, 'src/math.ts'), 'export function multiply(a: number, b: number) {\n  return a * b\n}\n')
    const down = await buildIndex({root})
    expect(down).toMatchObject({indexed: 1, embedded: 0, vectorsMissing: 1})
    expect(down.embeddingNotice).toMatch(/Embedding with sim-model at http:\/\/127\.0\.0\.1:\d+\/v1 failed/)
    expect(await readIndexStatus(root)).toMatchObject({vectorsMissing: 1, chunks: 2})

    const back = await buildIndex({root, embedder: createEmbedder(sim.baseUrl, 'sim-model')})
    expect(back).toMatchObject({indexed: 0, embedded: 1, vectorsMissing: 0, embedding: {endpoint: sim.baseUrl}})
    expect(await readIndexStatus(root)).toMatchObject({vectorsMissing: 0, vectors: 2})
  })
})

describe('an index from before file-level ranking', () => {
  it('still answers (and says how to upgrade); the next run reads every file again and keeps the vectors', async () => {
    const root = await tempRepo(FILES)
    await buildIndex({root, embedder: createEmbedder(sim.baseUrl, 'sim-model')})
    const manifest = join(root, '.oac/index/manifest.json')
    writeFileSync(manifest, JSON.stringify({...JSON.parse(readFileSync(manifest, 'utf8')), version: 1}))
    const lance = await import('@lancedb/lancedb')
    const db = await lance.connect(join(root, '.oac/index/db'))
    await db.dropTable('files')
    db.close()

    const old = await CodeSearch.open(root)
    const answer = await old.search('loadConfigFile', {mode: 'lexical'})
    old.close()
    expect(answer.files[0]?.path).toBe('src/config.ts')
    expect(answer.notice).toMatch(/predates file-level ranking; run `oac index` once/)
    expect(await buildIndex({root})).toMatchObject({upgraded: true, indexed: 2, embedded: 0, vectorsMissing: 0})
    const upgraded = await CodeSearch.open(root)
    expect((await upgraded.search('loadConfigFile', {mode: 'lexical'})).notice).toBeUndefined()
    upgraded.close()
  })
})

describe('a dead embedding endpoint', () => {
  it('costs one query its timeout; then hybrid search is lexical without calling it, with one notice, across processes', async () => {
    const root = await tempRepo(FILES)
    await buildIndex({root, embedder: createEmbedder(sim.baseUrl, 'sim-model')})
    const wedged = () => createEmbedder(hangingUrl, 'sim-model', {retries: 0, timeoutMs: 400})
    const search = await CodeSearch.open(root, wedged())
    const t0 = performance.now()
    const first = await search.search('loadConfigFile')
    const firstMs = performance.now() - t0
    expect(first).toMatchObject({ran: 'lexical', notice: expect.stringMatching(/^lexical only: vector search failed/)})
    expect(first.files[0]?.path).toBe('src/config.ts')
    expect(firstMs).toBeLessThan(3000)
    const second = await search.search('addNumbers')
    expect(second.ran).toBe('lexical')
    expect(second.notice).toBeUndefined()
    search.close()
    expect(hangingRequests).toBe(1)

    // Another process (a second `oac search`) skips it too, and says why once.
    const again = await CodeSearch.open(root, wedged())
    const third = await again.search('addNumbers')
    again.close()
    expect(third.notice).toMatch(/embedding endpoint http:\/\/127\.0\.0\.1:\d+\/v1 failed .*skipped for \d+ s/)
    expect(hangingRequests).toBe(1)

    // An endpoint that answers again is used (the explicit vector mode tries it whatever the breaker says).
    const healthy = await CodeSearch.open(root, createEmbedder(sim.baseUrl, 'sim-model'))
    expect((await healthy.search('add two numbers', {mode: 'vector'})).ran).toBe('vector')
    healthy.close()
  })
})

describe('a plain oac index and an endpoint that search found dead', () => {
  it('is not waited for again while the breaker is open; the endpoint named by flags is tried and reopens it', async () => {
    const root = await tempRepo(FILES)
    expect(await buildIndex({root, embedder: createEmbedder(flakyUrl, 'sim-model')})).toMatchObject({embedded: 2})
    flakyHangs = true
    const search = await CodeSearch.open(root, createEmbedder(flakyUrl, 'sim-model', {retries: 0, timeoutMs: 300}))
    expect((await search.search('loadConfigFile')).ran).toBe('lexical')
    search.close()
    expect(flakyHung).toBe(1)

    writeFileSync(join(root, 'src/math.ts'), 'export function multiply(a: number, b: number) {\n  return a * b\n}\n')
    const t0 = performance.now()
    const plain = await buildIndex({root})
    expect(performance.now() - t0).toBeLessThan(3000)
    expect(flakyHung).toBe(1)
    expect(plain).toMatchObject({indexed: 1, embedded: 0, vectorsMissing: 1})
    expect(plain.embeddingNotice).toMatch(/failed .*skipped for \d+ s/)

    flakyHangs = false
    const named = await buildIndex({root, embedder: createEmbedder(flakyUrl, 'sim-model')})
    expect(named).toMatchObject({embedded: 1, vectorsMissing: 0})
    writeFileSync(join(root, 'src/config.ts'), 'export function readSettings(path: string) {\n  return path\n}\n')
    expect(await buildIndex({root})).toMatchObject({indexed: 1, embedded: 1, vectorsMissing: 0})
  })
})
