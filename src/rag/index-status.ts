import {IndexStore} from './index-store.js'

/** What an index holds, for `index_status` and `oac search`'s callers. */
export interface IndexStatus {
  root: string
  files: number
  chunks: number
  vectors: number
  lexicalOnly: boolean
  embedding: {model: string; endpoint: string; dim: number} | null
  skipped: number
  fallbacks: number
  updatedAt: string
}

export async function indexStatus(store: IndexStore): Promise<IndexStatus> {
  const m = store.manifest
  return {
    root: store.root,
    files: Object.keys(m.files).length,
    chunks: await store.chunks.countRows(),
    vectors: store.vectors ? await store.vectors.countRows() : 0,
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
