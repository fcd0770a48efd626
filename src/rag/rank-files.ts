import {basename, extname} from 'node:path'
import {type FileKind, fileKind} from './file-kind.js'
import type {ChunkRow} from './index-store.js'

// How search turns its evidence into a ranking of files. Lexically a file scores its file-level BM25 (path, symbol
// names and text) plus half the BM25 of its best chunk (all the question's words in one function count for more
// than the same words spread over a file); with vectors the lexical and vector rankings of files are fused by
// reciprocal rank (Cormack, Clarke & Büttcher, SIGIR 2009: Σ 1/(60 + rank)). Then each file keeps its kind's share
// (source first: `kindWeights`) and a file that defines a symbol named in the question, or is named by it, gains
// (more for a name few files define).
// bench/rag-quality.ts measured each part on three codebases nobody here wrote; 0.25-1 for the chunk's share rank
// alike there.

export const CHUNK_WEIGHT = 0.5
export const RRF_K = 60
/**
 * A file that defines a symbol the question names by an identifier gets × (1 + NAME_WEIGHT / n), n being how many
 * files define that name: a name defined once (`loadConfigFile`) quadruples, one defined everywhere (`toJSON`)
 * hardly counts, as inverse document frequency would have it.
 */
export const NAME_WEIGHT = 3
/** The same for a capitalised word spelt exactly as a symbol (`Document`): weaker evidence than an identifier. */
export const EXACT_CASE_WEIGHT = 1
/** A file whose name the question spells (`cst-visit`, `routes.ts`). */
export const FILE_NAME_FACTOR = 2

export type RankMode = 'lexical' | 'vector' | 'hybrid'

export interface Evidence {
  /** File-level full-text scores. */
  files: {path: string; score: number}[]
  /** Chunk-level full-text hits with their scores, best first. */
  chunks: {row: ChunkRow; score: number}[]
  /** Chunks whose symbol the question names, and whether only by an exact-case word. */
  names: {row: ChunkRow; name: string; exactCase: boolean}[]
  /** Identifier-shaped words of the question, to match file names. */
  fileNames: string[]
  /** Chunks nearest to the question's vector, nearest first. */
  vector: ChunkRow[]
}

export interface RankedFile {
  path: string
  kind: FileKind
  score: number
  /** The chunks that matched, best first: named symbols, then full-text, then vector hits. */
  chunks: ChunkRow[]
}

const stemOf = (path: string) => basename(path, extname(path)).toLowerCase()

function ranks(paths: string[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const p of paths) if (!out.has(p)) out.set(p, out.size)
  return out
}

/** The question's name evidence for a file: the product of its factors (1 when it has none). */
function nameFactor(path: string, e: Evidence, definers: Map<string, number>): number {
  const found = new Map<string, number>()
  for (const n of e.names)
    if (n.row.path === path)
      found.set(n.name, 1 + (n.exactCase ? EXACT_CASE_WEIGHT : NAME_WEIGHT) / (definers.get(n.name) ?? 1))
  const stem = stemOf(path)
  const file = basename(path).toLowerCase()
  for (const n of e.fileNames)
    if (n === file || n === stem || n === stem.replace(/[-_.]/g, '')) found.set(`file:${n}`, FILE_NAME_FACTOR)
  return [...found.values()].reduce((a, b) => a * b, 1)
}

/** How many files define each named symbol. */
function countDefiners(e: Evidence): Map<string, number> {
  const files = new Map<string, Set<string>>()
  for (const n of e.names) files.set(n.name, (files.get(n.name) ?? new Set()).add(n.row.path))
  return new Map([...files].map(([name, paths]) => [name, paths.size]))
}

export function rankFiles(e: Evidence, mode: RankMode, weights: Record<FileKind, number>, k: number): RankedFile[] {
  const lexical = new Map<string, number>()
  for (const f of e.files) lexical.set(f.path, f.score)
  const best = new Map<string, number>()
  for (const c of e.chunks) best.set(c.row.path, Math.max(best.get(c.row.path) ?? 0, c.score))
  for (const [path, score] of best) lexical.set(path, (lexical.get(path) ?? 0) + CHUNK_WEIGHT * score)
  for (const n of e.names) if (!lexical.has(n.row.path)) lexical.set(n.row.path, 0)

  let base: Map<string, number>
  if (mode === 'lexical') base = lexical
  else {
    const lists = [ranks(e.vector.map((r) => r.path))]
    if (mode === 'hybrid') lists.push(ranks([...lexical.entries()].sort((a, b) => b[1] - a[1]).map(([p]) => p)))
    base = new Map()
    for (const list of lists) for (const [p, r] of list) base.set(p, (base.get(p) ?? 0) + 1 / (RRF_K + r + 1))
    if (mode === 'hybrid') for (const n of e.names) if (!base.has(n.row.path)) base.set(n.row.path, 1 / (RRF_K + 1))
  }

  const chunksOf = new Map<string, ChunkRow[]>()
  const addChunk = (r: ChunkRow) => {
    const list = chunksOf.get(r.path) ?? []
    if (!list.some((c) => c.start === r.start)) list.push(r)
    chunksOf.set(r.path, list)
  }
  if (mode !== 'vector') for (const n of e.names) addChunk(n.row)
  for (const c of e.chunks) if (mode !== 'vector') addChunk(c.row)
  for (const r of e.vector) if (mode !== 'lexical') addChunk(r)

  const definers = countDefiners(e)
  return [...base.entries()]
    .map(([path, score]) => {
      const kind = fileKind(path)
      const factor = mode === 'vector' ? 1 : nameFactor(path, e, definers)
      return {path, kind, score: score * weights[kind] * factor, chunks: chunksOf.get(path) ?? [], factor}
    })
    .filter((f) => f.score > 0 || f.factor > 1)
    .map(({factor: _, ...f}) => f)
    .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path))
    .slice(0, k)
}
