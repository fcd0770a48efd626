import type {Embedder} from './embedder.js'
import type {IndexStore} from './index-store.js'
import type {SkippedFile} from './types.js'

// What `oac index` (build-index.ts) takes and reports.

/** What to index and how. */
export interface IndexOptions {
  root: string
  embedder?: Embedder
  /** Delete the index first. */
  rebuild?: boolean
  /** Replace every vector (another embedding model). */
  reembed?: boolean
  signal?: AbortSignal
  /** An index already open (`--watch` keeps one): used as is and left open. */
  store?: IndexStore
  onProgress?: (p: {phase: 'files' | 'embed'; done: number; total: number}) => void
}

/** What an index run did. */
export interface IndexReport {
  root: string
  files: number
  indexed: number
  unchanged: number
  deleted: number
  chunks: number
  embedded: number
  /** Chunks without a vector in an index that has embeddings (the endpoint was down, or a run was cut short). */
  vectorsMissing: number
  /** Why this run added no vectors although the index has an endpoint (it failed; the run stayed lexical). */
  embeddingNotice?: string
  /** The index came from an older oac and every file was read again (vectors kept). */
  upgraded: boolean
  skipped: SkippedFile[]
  /** Files a grammar failed on, cut into line windows instead. */
  fallbacks: string[]
  embedding: {model: string; dim: number; endpoint: string} | null
  ann: boolean
  seconds: number
  interrupted: boolean
}
