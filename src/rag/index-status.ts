import {vectorHashes} from './embed-missing.js'
import {IndexStore} from './index-store.js'

/** What an index holds, for `index_status` and `oac search`'s callers. */
export interface IndexStatus {
  root: string
  files: number
  chunks: number
  vectors: number
  /** Chunks without a vector although the index has embeddings: `oac index` with the endpoint up fills them. */
  vectorsMissing: number
  lexicalOnly: boolean
  embedding: {model: string; endpoint: string; dim: number} | null
  skipped: number
  fallbacks: number
  updatedAt: string
}

export async function indexStatus(store: IndexStore): Promise<IndexStatus> {
  const m = store.manifest
  let vectorsMissing = 0
  if (m.embedding) {
    const have = await vectorHashes(store)
    const live = new Set(Object.values(m.files).flatMap((f) => f.chunks))
    for (const h of live) if (!have.has(h)) vectorsMissing++
  }
  return {
    root: store.root,
    files: Object.keys(m.files).length,
    chunks: await store.chunks.countRows(),
    vectors: store.vectors ? await store.vectors.countRows() : 0,
    vectorsMissing,
    lexicalOnly: !m.embedding,
    embedding: m.embedding,
    skipped: m.skipped.length,
    fallbacks: m.fallbacks.length,
    updatedAt: m.updatedAt,
  }
}

/** The status of the index of `root` (opens and closes it). */
export async function readIndexStatus(root: string): Promise<IndexStatus> {
  const store = await IndexStore.open(root, {create: false})
  try {
    return await indexStatus(store)
  } finally {
    store.close()
  }
}
