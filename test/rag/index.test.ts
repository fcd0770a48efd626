import {mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startSim} from '../../src/engines/sim.js'
import {buildIndex} from '../../src/rag/build-index.js'
import {CodeSearch} from '../../src/rag/code-search.js'
import {createEmbedder} from '../../src/rag/embedder.js'
import {tempRepo} from '../agent/temp-repo.js'

// The index against real files, a real LanceDB folder and `oac sim`'s /v1/embeddings over HTTP.

const write = (root: string, path: string, text: string) => {
  mkdirSync(join(root, path, '..'), {recursive: true})
  writeFileSync(join(root, path), text)
}
async function search(root: string, query: string, mode: 'hybrid' | 'lexical' | 'vector' = 'hybrid', k = 5) {
  const s = await CodeSearch.open(root)
  try {
    return await s.search(query, {k, mode})
  } finally {
    s.close()
  }
}
/** The best chunk of the best file. */
const top = (a: {files: {chunks: {symbol: string; location: string; kind: string}[]}[]}) => a.files[0]?.chunks[0]

const FILES = {
  'src/config.ts': 'export function loadConfigFile(path: string) {\n  return JSON.parse(path)\n}\n',
  'src/math.py': 'def add_numbers(a, b):\n    return a + b\n',
  'README.md': '# Demo\nA demo project.\n',
}

let sim: Awaited<ReturnType<typeof startSim>>
beforeAll(async () => {
  sim = await startSim({port: 0, ttftMs: 0, itlMs: 0})
})
afterAll(async () => {
  await sim.close()
})

describe('incremental indexing', () => {
  it('re-chunks only what changed: change, add, delete and rename', async () => {
    const root = await tempRepo(FILES)
    const first = await buildIndex({root})
    expect(first).toMatchObject({files: 3, indexed: 3, unchanged: 0, deleted: 0, embedding: null, interrupted: false})
    expect(top(await search(root, 'loadConfigFile'))).toMatchObject({
      location: 'src/config.ts:1-3',
      symbol: 'loadConfigFile',
      kind: 'function',
    })

    write(root, 'src/config.ts', 'export function readSettings(path: string) {\n  return path\n}\n')
    write(root, 'src/server.go', 'package main\n\nfunc StartServer() {}\n')
    rmSync(join(root, 'src/math.py'))
    mkdirSync(join(root, 'docs'))
    renameSync(join(root, 'README.md'), join(root, 'docs/GUIDE.md'))
    const second = await buildIndex({root})
    expect(second).toMatchObject({files: 3, indexed: 3, unchanged: 0, deleted: 2})

    const paths = async (q: string) => (await search(root, q, 'lexical', 10)).files.map((f) => f.path)
    const symbols = async (q: string) =>
      (await search(root, q, 'lexical', 10)).files.flatMap((f) => f.chunks.map((c) => c.symbol))
    expect(await symbols('loadConfigFile')).not.toContain('loadConfigFile')
    expect(top(await search(root, 'readSettings'))?.symbol).toBe('readSettings')
    expect(top(await search(root, 'StartServer'))?.location).toBe('src/server.go:3-3')
    expect(await paths('add_numbers')).toEqual([])
    expect(await paths('demo project')).toEqual(['docs/GUIDE.md'])

    const third = await buildIndex({root})
    expect(third).toMatchObject({files: 3, indexed: 0, unchanged: 3, deleted: 0})
  })

  it('keeps what was indexed when interrupted, and the next run finishes the rest', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 300; i++) files[`gen/f${i}.ts`] = `export function handler${i}() {\n  return ${i}\n}\n`
    const root = await tempRepo(files)
    const controller = new AbortController()
    const cut = await buildIndex({
      root,
      signal: controller.signal,
      onProgress: (p) => p.done > 0 && controller.abort(),
    })
    expect(cut).toMatchObject({interrupted: true, files: 250, indexed: 250})
    // Files go in path order: f0, f1, f10, f100, ... the first 250 hold handler1, not handler7.
    expect(top(await search(root, 'handler1'))?.symbol).toBe('handler1')
    const found = (await search(root, 'handler7', 'lexical')).files.flatMap((f) => f.chunks.map((c) => c.symbol))
    expect(found).not.toContain('handler7')
    expect(await buildIndex({root})).toMatchObject({interrupted: false, files: 300, indexed: 50, unchanged: 250})
  })
})

describe('hybrid search with sim embeddings', () => {
  it('finds a symbol by a paraphrase, and adding embeddings later keeps the lexical part', async () => {
    const root = await tempRepo({
      'src/durations.ts':
        'export function parseDurationText(text: string): number {\n  return Number.parseInt(text, 10) * 60\n}\n',
      'src/colors.ts': 'export function mixColors(a: string, b: string): string {\n  return a + b\n}\n',
      'src/cache.ts': 'export class LruCache {\n  get(key: string) {\n    return key\n  }\n}\n',
      'src/http.ts': 'export async function fetchJson(url: string) {\n  return (await fetch(url)).json()\n}\n',
    })
    const lexical = await buildIndex({root})
    expect(lexical.embedding).toBeNull()
    const paraphrase = 'turn a textual time span into seconds'
    expect((await search(root, paraphrase)).notice).toMatch(/^lexical only: this index has no embeddings/)

    const embedder = createEmbedder(sim.baseUrl, 'sim-model')
    const withVectors = await buildIndex({root, embedder})
    expect(withVectors).toMatchObject({indexed: 0, unchanged: 4, embedding: {model: 'sim-model', dim: 768}})
    expect(withVectors.embedded).toBe(withVectors.chunks)

    const hybrid = await search(root, paraphrase)
    expect(hybrid.ran).toBe('hybrid')
    expect(hybrid.notice).toBeUndefined()
    expect(top(hybrid)?.symbol).toBe('parseDurationText')
    expect(top(await search(root, paraphrase, 'vector'))?.symbol).toBe('parseDurationText')
  })
})

describe('bad input', () => {
  let wrong: Server
  let wrongUrl = ''
  beforeAll(async () => {
    // An endpoint that serves another model: 3-dimensional vectors.
    wrong = createServer((req, res) => {
      let body = ''
      req.on('data', (d) => {
        body += d
      })
      req.on('end', () => {
        const input = JSON.parse(body).input as string[]
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify({data: input.map((_, index) => ({index, embedding: [1, 0, 0]})), model: 'other'}))
      })
    })
    await new Promise<void>((r) => wrong.listen(0, '127.0.0.1', r))
    wrongUrl = `http://127.0.0.1:${(wrong.address() as {port: number}).port}/v1`
  })
  afterAll(() => new Promise((r) => wrong.close(r)))

  it('an endpoint with another dimension or one that is down fails clearly; the lexical index stays usable', async () => {
    const root = await tempRepo(FILES)
    await buildIndex({root, embedder: createEmbedder(sim.baseUrl, 'sim-model')})
    await expect(buildIndex({root, embedder: createEmbedder(wrongUrl, 'sim-model')})).rejects.toThrow(
      /returns vectors of 3 dimensions, but this index holds vectors of 768 dimensions/,
    )
    const s = await CodeSearch.open(root, createEmbedder(wrongUrl, 'sim-model'))
    const answer = await s.search('loadConfigFile')
    s.close()
    expect(answer).toMatchObject({ran: 'lexical', notice: expect.stringMatching(/3 dimensions.*768 dimensions/)})
    expect(top(answer)?.symbol).toBe('loadConfigFile')

    const down = createEmbedder('http://127.0.0.1:9/v1', 'sim-model', {retryDelayMs: 1})
    await expect(buildIndex({root, embedder: down})).rejects.toThrow(
      /Embedding with sim-model at http:\/\/127\.0\.0\.1:9\/v1 failed/,
    )
    expect(top(await search(root, 'loadConfigFile', 'lexical'))?.symbol).toBe('loadConfigFile')
  })

  it('not a folder, an unreadable file, a corrupt index', async () => {
    const root = await tempRepo(FILES)
    await expect(buildIndex({root: join(root, 'README.md')})).rejects.toThrow(/README\.md is not a directory/)
    symlinkSync('loop', join(root, 'loop'))
    const r = await buildIndex({root})
    expect(r.skipped).toEqual([{path: 'loop', reason: 'unreadable', detail: 'ELOOP'}])
    expect(r.files).toBe(3)

    const manifest = join(root, '.oac/index/manifest.json')
    writeFileSync(manifest, readFileSync(manifest, 'utf8').slice(0, 20))
    const rebuild = `oac index --rebuild "${root}"`
    await expect(CodeSearch.open(root)).rejects.toThrow('is damaged or unreadable (manifest.json is not valid JSON')
    await expect(buildIndex({root})).rejects.toThrow(`Rebuild it with: ${rebuild}`)
    expect(await buildIndex({root, rebuild: true})).toMatchObject({files: 3, indexed: 3})

    rmSync(join(root, '.oac/index/db/chunks.lance'), {recursive: true})
    await expect(CodeSearch.open(root)).rejects.toThrow(
      /index.*is damaged or unreadable \(the chunks table is missing\)/,
    )
  })
})
