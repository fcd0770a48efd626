import {OacError} from '../errors.js'
import {createEmbedder, type Embedder, EmbeddingDimensionError, EmbeddingError} from './embedder.js'
import {exactMatchBoost, queryNames, reciprocalRankFusion} from './fuse.js'
import {type ChunkRow, IndexStore, sqlList} from './index-store.js'
import {identifierParts} from './terms.js'

// `oac search` and the search_code tool: full-text and vector search over the index, fused by reciprocal rank,
// exact names boosted. Without vectors (a lexical index, an endpoint that is down) the answer says so.

export type SearchMode = 'hybrid' | 'lexical' | 'vector'

export interface SearchHit {
  /** `path:start-end`, what an agent passes to its read tool. */
  location: string
  path: string
  startLine: number
  endLine: number
  symbol: string
  kind: string
  score: number
  snippet: string
}

export interface SearchAnswer {
  query: string
  /** The mode asked for, and the one that ran (hybrid becomes lexical without vectors). */
  mode: SearchMode
  ran: SearchMode
  hits: SearchHit[]
  /** Why the answer is lexical only, or anything else a reader must know. */
  notice?: string
  ms: number
}

export class SearchError extends OacError {
  override name = 'SearchError'
}

const FIELDS = ['path', 'symbol', 'kind', 'start', 'end', 'text', 'hash']
const LEXICAL_ONLY =
  'lexical only: this index has no embeddings (add them with `oac index --endpoint URL --model EMBEDDING_MODEL`)'
const keyOf = (r: {path: string; start: number}) => `${r.path}:${r.start}`

function ftsQuery(query: string): string {
  const words = query.match(/[\p{L}\p{N}_]+/gu) ?? []
  return [...new Set([...words, ...words.flatMap(identifierParts)])].join(' ')
}

function snippet(text: string, words: string[], maxLines = 3): string {
  const lines = text.split('\n')
  const hit = lines.findIndex((l) => words.some((w) => l.toLowerCase().includes(w)))
  const from = Math.max(0, hit)
  return lines
    .slice(from, from + maxLines)
    .map((l) => (l.length > 160 ? `${l.slice(0, 160)}…` : l))
    .join('\n')
}

export class CodeSearch {
  private constructor(
    readonly store: IndexStore,
    private readonly embedder: Embedder | undefined,
  ) {}

  /** The index of `root`; `embedder` overrides the endpoint the index was built with. */
  static async open(root: string, embedder?: Embedder): Promise<CodeSearch> {
    const store = await IndexStore.open(root, {create: false})
    const e = store.manifest.embedding
    return new CodeSearch(store, embedder ?? (e ? createEmbedder(e.endpoint, e.model) : undefined))
  }

  async search(query: string, o: {k?: number; mode?: SearchMode; signal?: AbortSignal} = {}): Promise<SearchAnswer> {
    const began = performance.now()
    const k = o.k ?? 10
    const mode = o.mode ?? 'hybrid'
    const pool = Math.max(4 * k, 40)
    const hasVectors = !!this.store.vectors && !!this.store.manifest.embedding
    if (mode === 'vector' && !hasVectors) throw new SearchError(`Vector search needs embeddings; ${LEXICAL_ONLY}`)
    let notice = hasVectors ? undefined : LEXICAL_ONLY
    const rows = new Map<string, ChunkRow>()
    const lists: string[][] = []
    const names = queryNames(query)
    if (mode !== 'vector') {
      const words = ftsQuery(query)
      const lexical = words
        ? ((await this.store.chunks
            .query()
            .fullTextSearch(words, {columns: 'terms'})
            .select([...FIELDS, '_score'])
            .limit(pool)
            .toArray()) as ChunkRow[])
        : []
      const exact = names.length
        ? ((await this.store.chunks
            .query()
            .where(`name IN (${sqlList(names.map((n) => n.replace(/[_$-]/g, '')).concat(names))})`)
            .select(FIELDS)
            .limit(pool)
            .toArray()) as ChunkRow[])
        : []
      for (const r of [...exact, ...lexical]) rows.set(keyOf(r), r)
      lists.push(lexical.map(keyOf))
    }
    if (mode !== 'lexical' && hasVectors) {
      try {
        lists.push(await this.vectorKeys(query, pool, rows, o.signal))
      } catch (error) {
        if (mode === 'vector' || !(error instanceof EmbeddingError)) throw error
        notice = `lexical only: vector search failed (${(error as Error).message})`
      }
    }
    const fused = reciprocalRankFusion(lists)
    for (const key of rows.keys()) if (!fused.has(key)) fused.set(key, 0)
    const lower = query.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []
    const hits = [...fused.entries()]
      .map(([key, score]) => {
        const r = rows.get(key) as ChunkRow
        return {r, score: score + (mode === 'vector' ? 0 : exactMatchBoost(r, names))}
      })
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, k)
      .map(({r, score}) => ({
        location: `${r.path}:${r.start}-${r.end}`,
        path: r.path,
        startLine: r.start,
        endLine: r.end,
        symbol: r.symbol,
        kind: r.kind,
        score: Number(score.toFixed(4)),
        snippet: snippet(r.text, lower),
      }))
    const ran: SearchMode = lists.length === 2 ? 'hybrid' : mode === 'vector' ? 'vector' : 'lexical'
    return {query, mode, ran, hits, ...(notice ? {notice} : {}), ms: Math.round(performance.now() - began)}
  }

  private async vectorKeys(query: string, pool: number, rows: Map<string, ChunkRow>, signal?: AbortSignal) {
    const embedder = this.embedder as Embedder
    const v = await embedder.embedQuery(query, signal)
    const dim = this.store.manifest.embedding?.dim ?? v.length
    if (v.length !== dim) throw new EmbeddingDimensionError(embedder.model, v.length, dim)
    const nearest = await (this.store.vectors as NonNullable<IndexStore['vectors']>)
      .query()
      .nearestTo(v)
      .distanceType('cosine')
      .select(['hash', '_distance'])
      .limit(pool)
      .toArray()
    const hashes = nearest.map((n) => n.hash as string)
    if (!hashes.length) return []
    const found = (await this.store.chunks
      .query()
      .where(`hash IN (${sqlList(hashes)})`)
      .select(FIELDS)
      .limit(pool * 4)
      .toArray()) as ChunkRow[]
    const byHash = new Map<string, ChunkRow[]>()
    for (const r of found) byHash.set(r.hash, [...(byHash.get(r.hash) ?? []), r])
    const keys: string[] = []
    for (const h of hashes)
      for (const r of byHash.get(h) ?? []) {
        rows.set(keyOf(r), r)
        keys.push(keyOf(r))
      }
    return keys
  }

  close(): void {
    this.store.close()
  }
}
