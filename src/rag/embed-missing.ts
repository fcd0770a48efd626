import type {Embedder} from './embedder.js'
import type {IndexOptions} from './index-options.js'
import {type ChunkRow, type IndexStore, sqlList} from './index-store.js'

// Chunks in the index without a vector get one: an index built lexically that now has an endpoint, and chunks
// written while the endpoint was down. Which chunks have vectors is read from the vectors table itself, never
// assumed from the manifest (assuming it lost vectors silently: issue 25, defect 3).

export type EmbedRows = (rows: ChunkRow[]) => Promise<{hash: string; vector: number[]}[]>

/** The hashes that have a vector. */
export async function vectorHashes(store: IndexStore): Promise<Set<string>> {
  const out = new Set<string>()
  if (store.vectors) for (const r of await store.vectors.query().select(['hash']).toArray()) out.add(r.hash as string)
  return out
}

/** Embeds every live chunk (refs > 0) whose hash has no vector; returns how many vectors it added. */
export async function embedMissing(
  store: IndexStore,
  embedder: Embedder,
  refs: Map<string, number>,
  have: Set<string>,
  embedRows: EmbedRows,
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
    const vectors = await embedRows(rows)
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

/** Live chunks (refs > 0) without a vector. */
export function countMissing(refs: Map<string, number>, have: Set<string>): number {
  let n = 0
  for (const [h, count] of refs) if (count > 0 && !have.has(h)) n++
  return n
}
