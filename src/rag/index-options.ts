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
  skipped: SkippedFile[]
  /** Files a grammar failed on, cut into line windows instead. */
  fallbacks: string[]
  embedding: {model: string; dim: number} | null
  ann: boolean
  seconds: number
  interrupted: boolean
}
