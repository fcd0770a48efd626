import {createHash} from 'node:crypto'
import {readFile, stat} from 'node:fs/promises'
import {OacError} from '../errors.js'
import {chunkFile} from './chunk-file.js'
import {countMissing, type EmbedRows, embedMissing, vectorHashes} from './embed-missing.js'
import {createEmbedder, type Embedder, EmbeddingDimensionError, EmbeddingError} from './embedder.js'
import {EmbeddingBreaker} from './embedding-breaker.js'
import type {IndexOptions, IndexReport} from './index-options.js'
import {type ChunkRow, type FileRow, IndexStore} from './index-store.js'
import {MANIFEST_VERSION} from './manifest.js'
import {bareName} from './query-terms.js'
import {scanFiles} from './scan-files.js'
import {skipByContent} from './skip-file.js'
import {chunkTerms, embeddingText, fileTerms, identifierParts} from './terms.js'
import type {Chunk} from './types.js'

// `oac index`: brings the project's index up to date. Files whose size and mtime are unchanged are not read; files
// whose content hash is unchanged are not re-chunked; chunks whose text is unchanged are not re-embedded. Work goes
// in batches, each committed with the manifest, so Ctrl-C (the signal) leaves a usable index and the next run
// continues where this one stopped. An index with vectors keeps its endpoint and model: a plain run embeds with
// them, and when that endpoint is down the run stays lexical and says how many chunks lack a vector.

const BATCH_FILES = 250

export type {IndexOptions, IndexReport} from './index-options.js'

export class NotADirectoryError extends OacError {
  override name = 'NotADirectoryError'
}

const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest('hex')

function toRow(c: Chunk): ChunkRow {
  // `#shouldProxy` and `[kRetry]` are found by their bare names: shouldproxy, kretry.
  const last = bareName(c.symbol.split('.').at(-1) ?? '')
  return {
    path: c.path,
    symbol: c.symbol,
    name: last.toLowerCase(),
    kind: c.kind,
    signature: c.signature,
    start: c.startLine,
    end: c.endLine,
    hash: sha1(embeddingText(c)).slice(0, 24),
    text: c.text,
    terms: `${chunkTerms(c)}\n${identifierParts(last).join(' ')}`,
  }
}

function toFileRow(path: string, chunks: Chunk[], text: string): FileRow {
  const symbols = [...new Set(chunks.map((c) => bareName(c.symbol.split('.').at(-1) ?? '')).filter(Boolean))]
  return {path, terms: fileTerms(path, symbols, text)}
}

export async function buildIndex(o: IndexOptions): Promise<IndexReport> {
  const began = performance.now()
  const info = await stat(o.root).catch(() => undefined)
  if (!info?.isDirectory())
    throw new NotADirectoryError(`${o.root} is not a directory; give the project folder to index`)
  if (o.store) return update(o.store, o, began)
  const store = await IndexStore.open(o.root, {create: true, rebuild: o.rebuild ?? false})
  try {
    return await update(store, o, began)
  } finally {
    store.close()
  }
}

/** The embedder of this run: the one asked for, else the one the index was built with. */
function runEmbedder(store: IndexStore, o: IndexOptions): {embedder?: Embedder; reused: boolean} {
  if (o.embedder) return {embedder: o.embedder, reused: false}
  const e = store.manifest.embedding
  return e ? {embedder: createEmbedder(e.endpoint, e.model), reused: true} : {reused: false}
}

async function update(store: IndexStore, o: IndexOptions, began: number): Promise<IndexReport> {
  const m = store.manifest
  const pending = await store.readPending()
  if (pending.length) {
    await store.deletePaths(pending)
    for (const p of pending) delete m.files[p]
    m.pending = []
    await store.saveManifest()
    await store.clearPending()
  }
  // An index from before the files table: every file is read and chunked once more (vectors are kept by hash).
  const upgraded = m.version < MANIFEST_VERSION && Object.keys(m.files).length > 0
  if (m.version < MANIFEST_VERSION) {
    for (const f of Object.values(m.files)) Object.assign(f, {hash: '', size: -1})
    m.version = MANIFEST_VERSION
  }
  let {embedder, reused} = runEmbedder(store, o)
  let embeddingNotice: string | undefined
  /** A reused endpoint that fails leaves this run lexical; an endpoint asked for by flags fails the run. */
  const embedFailed = (error: unknown) => {
    if (!reused || !(error instanceof EmbeddingError)) throw error
    embeddingNotice = (error as Error).message
    if (!(error instanceof EmbeddingDimensionError) && !breaker?.open()) breaker?.trip(embeddingNotice)
    embedder = undefined
  }
  if (embedder && m.embedding && (m.embedding.model !== embedder.model || o.reembed)) {
    await store.dropVectors()
    m.embedding = null
  }
  // A reused endpoint that search or an earlier run found dead is not waited for again (`--watch` runs often); one
  // named by flags is always tried, and its answer lets plain runs and search use it again at once.
  const breaker = embedder ? new EmbeddingBreaker(store.dir, embedder.endpoint) : undefined
  if (reused && breaker?.open()) embedFailed(new EmbeddingError(breaker.notice() ?? `${embedder?.endpoint} is down`))
  if (embedder && m.embedding) {
    try {
      // A reused endpoint gets one quick try: when it is down the run goes on lexically at once.
      const prober = reused
        ? createEmbedder(embedder.endpoint, embedder.model, {retries: 0, timeoutMs: 5_000})
        : embedder
      const probe = await prober.embedQuery('dimension check', o.signal)
      if (probe.length !== m.embedding.dim)
        throw new EmbeddingDimensionError(embedder.model, probe.length, m.embedding.dim)
      breaker?.reset()
      if (m.embedding.endpoint !== embedder.endpoint) {
        m.embedding.endpoint = embedder.endpoint
        await store.saveManifest()
      }
    } catch (error) {
      embedFailed(error)
    }
  }
  const refs = new Map<string, number>()
  const addRefs = (hashes: string[], by: number) => {
    for (const h of hashes) refs.set(h, (refs.get(h) ?? 0) + by)
  }
  for (const f of Object.values(m.files)) addRefs(f.chunks, 1)
  const haveVectors = await vectorHashes(store)

  const {work, present, skipped, ...scan} = await scanFiles(o.root, m)
  let unchanged = scan.unchanged
  const fallbacks = new Set(m.fallbacks.filter((p) => present.has(p)))
  const removed = Object.keys(m.files).filter((p) => !present.has(p))
  let indexed = 0
  let embedded = 0
  let interrupted = false
  const stale = new Set<string>()

  const embedRows: EmbedRows = async (rows) => {
    if (!embedder) return []
    const fresh = new Map<string, ChunkRow>()
    for (const r of rows) if (!haveVectors.has(r.hash)) fresh.set(r.hash, r)
    if (!fresh.size) return []
    const texts = [...fresh.values()].map((r) => embeddingText(rowChunk(r)))
    const vectors = await embedder.embedDocuments(texts, o.signal)
    const dim = m.embedding?.dim ?? vectors[0]?.length ?? 0
    const bad = vectors.find((v) => v.length !== dim)
    if (bad) throw new EmbeddingDimensionError(embedder.model, bad.length, dim)
    return [...fresh.keys()].map((hash, i) => ({hash, vector: vectors[i] as number[]}))
  }

  o.onProgress?.({phase: 'files', done: 0, total: work.length})
  for (let i = 0; i < work.length; i += BATCH_FILES) {
    if (o.signal?.aborted) {
      interrupted = true
      break
    }
    const batch = work.slice(i, i + BATCH_FILES)
    const contents = await Promise.all(batch.map((f) => readFile(f.source).catch((e: NodeJS.ErrnoException) => e)))
    const rows: ChunkRow[] = []
    const fileRows: FileRow[] = []
    const entries = new Map<string, {hash: string; size: number; mtimeMs: number; chunks: string[]}>()
    for (const [k, f] of batch.entries()) {
      const bytes = contents[k]
      if (!(bytes instanceof Buffer)) {
        const detail = (bytes as NodeJS.ErrnoException).code ?? 'read failed'
        skipped.push({path: f.path, reason: 'unreadable', detail})
        present.delete(f.path)
        continue
      }
      const verdict = skipByContent(bytes)
      if (verdict) {
        skipped.push({path: f.path, ...verdict})
        present.delete(f.path)
        continue
      }
      const hash = sha1(bytes)
      const prev = m.files[f.path]
      if (prev?.hash === hash) {
        m.files[f.path] = {...prev, size: f.size, mtimeMs: f.mtimeMs}
        unchanged++
        continue
      }
      const text = bytes.toString('utf8')
      const result = await chunkFile(f.path, text)
      if (result.fallback) fallbacks.add(f.path)
      else fallbacks.delete(f.path)
      const chunkRows = result.chunks.map(toRow)
      rows.push(...chunkRows)
      fileRows.push(toFileRow(f.path, result.chunks, text))
      entries.set(f.path, {hash, size: f.size, mtimeMs: f.mtimeMs, chunks: chunkRows.map((r) => r.hash)})
    }
    const vectors = await embedRows(rows).catch((error) => {
      embedFailed(error)
      return []
    })
    await store.markPending([...entries.keys()])
    await store.deletePaths([...entries.keys()].filter((p) => m.files[p]))
    await store.addChunks(rows)
    await store.addFiles(fileRows)
    await store.addVectors(vectors)
    for (const v of vectors) haveVectors.add(v.hash)
    embedded += vectors.length
    if (embedder && vectors.length && !m.embedding)
      m.embedding = {endpoint: embedder.endpoint, model: embedder.model, dim: vectors[0]?.vector.length ?? 0}
    for (const [path, entry] of entries) {
      const prev = m.files[path]
      if (prev) {
        addRefs(prev.chunks, -1)
        for (const h of prev.chunks) stale.add(h)
      }
      addRefs(entry.chunks, 1)
      m.files[path] = entry
    }
    indexed += entries.size
    await store.saveManifest()
    await store.clearPending()
    o.onProgress?.({phase: 'files', done: Math.min(work.length, i + batch.length), total: work.length})
  }

  const gone = interrupted ? [] : [...removed, ...skipped.map((s) => s.path).filter((p) => m.files[p])]
  if (gone.length) {
    await store.deletePaths(gone)
    for (const p of gone) {
      const prev = m.files[p]
      if (prev) {
        addRefs(prev.chunks, -1)
        for (const h of prev.chunks) stale.add(h)
      }
      delete m.files[p]
    }
  }
  const dead = [...stale].filter((h) => !refs.get(h))
  await store.deleteVectors(dead)
  for (const h of dead) haveVectors.delete(h)
  if (embedder && !interrupted)
    embedded += await embedMissing(store, embedder, refs, haveVectors, embedRows, o).catch((error) => {
      embedFailed(error)
      return 0
    })
  const before = JSON.stringify([m.skipped, m.fallbacks])
  m.skipped = skipped
  m.fallbacks = [...fallbacks]
  // Each batch saved the manifest already; write it again only for what changed after the last batch.
  if (!m.updatedAt || gone.length || upgraded || JSON.stringify([m.skipped, m.fallbacks]) !== before)
    await store.saveManifest()
  const {ann} = await store.maintain(indexed > 0 || gone.length > 0 || embedded > 0)
  await store.recordFiles()
  return {
    root: o.root,
    files: Object.keys(m.files).length,
    indexed,
    unchanged,
    deleted: gone.length,
    chunks: await store.chunks.countRows(),
    embedded,
    vectorsMissing: m.embedding ? countMissing(refs, haveVectors) : 0,
    ...(embeddingNotice ? {embeddingNotice} : {}),
    upgraded,
    skipped,
    fallbacks: m.fallbacks,
    embedding: m.embedding ? {model: m.embedding.model, dim: m.embedding.dim, endpoint: m.embedding.endpoint} : null,
    ann,
    seconds: (performance.now() - began) / 1000,
    interrupted,
  }
}

const rowChunk = (r: ChunkRow): Chunk => ({
  path: r.path,
  symbol: r.symbol,
  kind: r.kind,
  signature: r.signature,
  startLine: r.start,
  endLine: r.end,
  text: r.text,
})
