import {createHash} from 'node:crypto'
import {readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'
import {OacError} from '../errors.js'
import {chunkFile} from './chunk-file.js'
import {type Embedder, EmbeddingDimensionError} from './embedder.js'
import type {IndexOptions, IndexReport} from './index-options.js'
import {type ChunkRow, IndexStore, sqlList} from './index-store.js'
import {listSourceFiles} from './list-source-files.js'
import {skipByContent, skipByName} from './skip-file.js'
import {chunkTerms, embeddingText, identifierParts} from './terms.js'
import type {Chunk, SkippedFile} from './types.js'

// `oac index`: brings the project's index up to date. Files whose size and mtime are unchanged are not read; files
// whose content hash is unchanged are not re-chunked; chunks whose text is unchanged are not re-embedded. Work goes
// in batches, each committed with the manifest, so Ctrl-C (the signal) leaves a usable index and the next run
// continues where this one stopped.

const BATCH_FILES = 250

export type {IndexOptions, IndexReport} from './index-options.js'

export class NotADirectoryError extends OacError {
  override name = 'NotADirectoryError'
}

const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest('hex')

function toRow(c: Chunk): ChunkRow {
  const last = c.symbol.split('.').at(-1) ?? ''
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
  const embedder = o.embedder
  if (embedder && m.embedding && (m.embedding.model !== embedder.model || o.reembed)) {
    await store.dropVectors()
    m.embedding = null
  }
  if (embedder && m.embedding) {
    const probe = await embedder.embedQuery('dimension check', o.signal)
    if (probe.length !== m.embedding.dim)
      throw new EmbeddingDimensionError(embedder.model, probe.length, m.embedding.dim)
  }
  const refs = new Map<string, number>()
  const addRefs = (hashes: string[], by: number) => {
    for (const h of hashes) refs.set(h, (refs.get(h) ?? 0) + by)
  }
  for (const f of Object.values(m.files)) addRefs(f.chunks, 1)
  const vectorHashes = new Set<string>()
  if (embedder && store.vectors) {
    if (m.embedding) for (const h of refs.keys()) vectorHashes.add(h)
    else for (const r of await store.vectors.query().select(['hash']).toArray()) vectorHashes.add(r.hash as string)
  }

  const paths = await listSourceFiles(o.root)
  const skipped: SkippedFile[] = []
  const work: {path: string; size: number; mtimeMs: number}[] = []
  const present = new Set<string>()
  let unchanged = 0
  for (let i = 0; i < paths.length; i += 256) {
    const slice = paths.slice(i, i + 256)
    const stats = await Promise.all(slice.map((p) => stat(join(o.root, p)).catch((e: NodeJS.ErrnoException) => e)))
    slice.forEach((path, k) => {
      const s = stats[k]
      if (s instanceof Error) {
        // A tracked file deleted from the working tree is simply gone; anything else is reported.
        if (s.code !== 'ENOENT') skipped.push({path, reason: 'unreadable', detail: s.code ?? s.message})
        return
      }
      if (!s?.isFile()) return
      const prev = m.files[path]
      if (prev && prev.size === s.size && prev.mtimeMs === s.mtimeMs) {
        present.add(path)
        unchanged++
        return
      }
      const verdict = skipByName(path, s.size)
      if (verdict) skipped.push({path, ...verdict})
      else {
        present.add(path)
        work.push({path, size: s.size, mtimeMs: s.mtimeMs})
      }
    })
  }
  const fallbacks = new Set(m.fallbacks.filter((p) => present.has(p)))
  const removed = Object.keys(m.files).filter((p) => !present.has(p))
  let indexed = 0
  let embedded = 0
  let interrupted = false
  const stale = new Set<string>()

  const embedNew = async (rows: ChunkRow[]) => {
    if (!embedder) return []
    const fresh = new Map<string, ChunkRow>()
    for (const r of rows) if (!vectorHashes.has(r.hash)) fresh.set(r.hash, r)
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
    const contents = await Promise.all(
      batch.map((f) => readFile(join(o.root, f.path)).catch((e: NodeJS.ErrnoException) => e)),
    )
    const rows: ChunkRow[] = []
    const entries = new Map<string, {hash: string; size: number; mtimeMs: number; chunks: string[]}>()
    for (const [k, f] of batch.entries()) {
      const bytes = contents[k]
      if (!(bytes instanceof Buffer)) {
        skipped.push({
          path: f.path,
          reason: 'unreadable',
          detail: (bytes as NodeJS.ErrnoException).code ?? 'read failed',
        })
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
      const result = await chunkFile(f.path, bytes.toString('utf8'))
      if (result.fallback) fallbacks.add(f.path)
      else fallbacks.delete(f.path)
      const fileRows = result.chunks.map(toRow)
      rows.push(...fileRows)
      entries.set(f.path, {hash, size: f.size, mtimeMs: f.mtimeMs, chunks: fileRows.map((r) => r.hash)})
    }
    const vectors = await embedNew(rows)
    const replaced = [...entries.keys()].filter((p) => m.files[p])
    await store.markPending([...entries.keys()])
    await store.deletePaths(replaced)
    await store.addChunks(rows)
    await store.addVectors(vectors)
    for (const v of vectors) vectorHashes.add(v.hash)
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
  if (embedder && !interrupted) embedded += await backfill(store, embedder, refs, vectorHashes, embedNew, o)
  const before = JSON.stringify([m.skipped, m.fallbacks])
  m.skipped = skipped
  m.fallbacks = [...fallbacks]
  // Each batch saved the manifest already; write it again only for what changed after the last batch.
  if (!m.updatedAt || gone.length || JSON.stringify([m.skipped, m.fallbacks]) !== before) await store.saveManifest()
  const {ann} = await store.maintain(indexed > 0 || gone.length > 0 || embedded > 0)
  return {
    root: o.root,
    files: Object.keys(m.files).length,
    indexed,
    unchanged,
    deleted: gone.length,
    chunks: await store.chunks.countRows(),
    embedded,
    skipped,
    fallbacks: m.fallbacks,
    embedding: m.embedding ? {model: m.embedding.model, dim: m.embedding.dim} : null,
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

/** Embeds chunks that have no vector yet: an index built lexically that now has an embedding endpoint. */
async function backfill(
  store: IndexStore,
  embedder: Embedder,
  refs: Map<string, number>,
  have: Set<string>,
  embedNew: (rows: ChunkRow[]) => Promise<{hash: string; vector: number[]}[]>,
  o: IndexOptions,
): Promise<number> {
  const missing = [...refs.entries()].filter(([h, n]) => n > 0 && !have.has(h)).map(([h]) => h)
  let done = 0
  for (let i = 0; i < missing.length; i += 256) {
    if (o.signal?.aborted) break
    const rows = (await store.chunks
      .query()
      .where(`hash IN (${sqlList(missing.slice(i, i + 256))})`)
      .select(['path', 'symbol', 'name', 'kind', 'signature', 'start', 'end', 'hash', 'text'])
      .toArray()) as ChunkRow[]
    const vectors = await embedNew(rows)
    await store.addVectors(vectors)
    for (const v of vectors) have.add(v.hash)
    if (!store.manifest.embedding && vectors.length)
      store.manifest.embedding = {
        endpoint: embedder.endpoint,
        model: embedder.model,
        dim: vectors[0]?.vector.length ?? 0,
      }
    done += vectors.length
    await store.saveManifest()
    o.onProgress?.({phase: 'embed', done: Math.min(missing.length, i + 256), total: missing.length})
  }
  return done
}
