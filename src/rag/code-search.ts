import {lstat, realpath} from 'node:fs/promises'
import {join, sep} from 'node:path'
import {OacError} from '../errors.js'
import {secretFileReason} from '../util/secret-files.js'
import {createEmbedder, type Embedder, EmbeddingDimensionError, EmbeddingError} from './embedder.js'
import {EmbeddingBreaker} from './embedding-breaker.js'
import {type FileKind, type KindPreference, kindWeights} from './file-kind.js'
import {type ChunkRow, IndexStore, sqlList} from './index-store.js'
import {queryTerms} from './query-terms.js'
import {type Evidence, rankFiles} from './rank-files.js'
import {snippet} from './snippet.js'

// `oac search` and the search_code tool: files ranked by file-level and chunk-level full-text evidence, symbol
// and file names the question spells as identifiers, and vectors when the index has them (rank-files.ts says how
// they combine); each file comes with the chunks that matched. Without vectors (a lexical index, an endpoint that
// is down) the answer says so; a dead endpoint is skipped for a while after one failure (embedding-breaker.ts).

export type SearchMode = 'hybrid' | 'lexical' | 'vector'

/** One piece of a file that matched. */
export interface ChunkHit {
  /** `path:start-end`, what an agent passes to its read tool. */
  location: string
  startLine: number
  endLine: number
  symbol: string
  kind: string
  snippet: string
}

/** One file of an answer: its kind (code first; docs, tests, type declarations marked as such) and best chunks. */
export interface FileHit {
  path: string
  kind: FileKind
  score: number
  chunks: ChunkHit[]
}

export interface SearchAnswer {
  query: string
  /** The mode asked for, and the one that ran (hybrid becomes lexical without vectors). */
  mode: SearchMode
  ran: SearchMode
  /** Files, best first (`k` counts files). */
  files: FileHit[]
  /** Why the answer is lexical only, or anything else a reader must know. */
  notice?: string
  ms: number
}

export interface SearchOptions {
  /** Files to return (default 10). */
  k?: number
  mode?: SearchMode
  /** Chunks shown under each file (default 3). */
  chunksPerFile?: number
  /** Which kind of file comes first (default code). */
  prefer?: KindPreference
  signal?: AbortSignal
}

export class SearchError extends OacError {
  override name = 'SearchError'
}

/** How long a query waits for its embedding before the answer goes lexical (and the endpoint is skipped a while). */
export const QUERY_EMBED_TIMEOUT_MS = 3000
/** A query's embedder: one try, bounded by the timeout (retries are for indexing). */
export const QUERY_EMBEDDER = {retries: 0, timeoutMs: QUERY_EMBED_TIMEOUT_MS}
const FIELDS = ['path', 'symbol', 'kind', 'start', 'end', 'text', 'hash']
const LEXICAL_ONLY =
  'lexical only: this index has no embeddings (add them with `oac index --endpoint URL --model EMBEDDING_MODEL`)'
const UPGRADE = 'this index predates file-level ranking; run `oac index` once to upgrade it'

type Scored = ChunkRow & {_score: number}

export class CodeSearch {
  private readonly breaker: EmbeddingBreaker | undefined

  private constructor(
    readonly store: IndexStore,
    private readonly embedder: Embedder | undefined,
  ) {
    this.breaker = embedder ? new EmbeddingBreaker(store.dir, embedder.endpoint) : undefined
  }

  /** The index of `root`; `embedder` overrides the endpoint the index was built with. */
  static async open(root: string, embedder?: Embedder): Promise<CodeSearch> {
    const store = await IndexStore.open(root, {create: false})
    const e = store.manifest.embedding
    const fromIndex = e ? createEmbedder(e.endpoint, e.model, QUERY_EMBEDDER) : undefined
    return new CodeSearch(store, embedder ?? fromIndex)
  }

  async search(query: string, o: SearchOptions = {}): Promise<SearchAnswer> {
    try {
      return await this.answer(query, o)
    } catch (error) {
      throw this.store.damaged(error)
    }
  }

  private async answer(query: string, o: SearchOptions): Promise<SearchAnswer> {
    const began = performance.now()
    const k = o.k ?? 10
    const mode = o.mode ?? 'hybrid'
    const hasVectors = !!this.store.vectors && !!this.store.manifest.embedding
    if (mode === 'vector' && !hasVectors) throw new SearchError(`Vector search needs embeddings; ${LEXICAL_ONLY}`)
    let notice = hasVectors ? undefined : LEXICAL_ONLY
    if (!this.store.files && mode !== 'vector') notice = notice ? `${notice}; ${UPGRADE}` : UPGRADE
    const terms = queryTerms(query)
    const pool = Math.max(10 * k, 100)
    const skipVectors = mode === 'hybrid' && this.breaker?.open()
    const [files, chunks, names, vector] = await Promise.all([
      mode === 'vector' ? [] : this.fileText(terms.words, pool),
      mode === 'vector' ? [] : this.chunkText(terms.words, pool * 2),
      mode === 'vector' ? [] : this.named(terms.names, terms.exactCase, pool),
      mode === 'lexical' || !hasVectors || skipVectors
        ? undefined
        : this.vectorRows(query, pool, o.signal).catch((error: Error) => {
            if (mode === 'vector' || !(error instanceof EmbeddingError)) throw error
            if (!(error instanceof EmbeddingDimensionError)) this.breaker?.trip(error.message)
            return error
          }),
    ])
    if (skipVectors) notice = this.breaker?.notice()
    else if (vector instanceof Error)
      notice = `lexical only: vector search failed (${vector.message}); vector search is skipped for a while`
    else if (vector) this.breaker?.reset()
    const ran: SearchMode = mode === 'vector' ? 'vector' : Array.isArray(vector) ? 'hybrid' : 'lexical'
    const evidence: Evidence = {
      files,
      chunks: chunks.map((row) => ({row, score: row._score})),
      names,
      fileNames: terms.names,
      vector: Array.isArray(vector) ? vector : [],
    }
    const weights = kindWeights(o.prefer ?? 'code', terms.asks)
    const ranked = (await this.withoutSecrets(rankFiles(evidence, ran, weights, k * 2))).slice(0, k)
    await this.fillChunks(ranked, terms.words)
    const per = o.chunksPerFile ?? 3
    const lower = terms.words
    const out: FileHit[] = ranked.map((f) => ({
      path: f.path,
      kind: f.kind,
      score: Number(f.score.toFixed(4)),
      chunks: f.chunks.slice(0, per).map((r) => ({
        location: `${r.path}:${r.start}-${r.end}`,
        startLine: r.start,
        endLine: r.end,
        symbol: r.symbol,
        kind: r.kind,
        snippet: snippet(r.text, lower),
      })),
    }))
    return {query, mode, ran, files: out, ...(notice ? {notice} : {}), ms: Math.round(performance.now() - began)}
  }

  private async fileText(words: string[], limit: number): Promise<{path: string; score: number}[]> {
    if (!words.length || !this.store.files) return []
    const rows = await this.store.files
      .query()
      .fullTextSearch(words.join(' '), {columns: 'terms'})
      .select(['path', '_score'])
      .limit(limit)
      .toArray()
    return rows.map((r) => ({path: r.path as string, score: r._score as number}))
  }

  private async chunkText(words: string[], limit: number): Promise<Scored[]> {
    if (!words.length) return []
    return (await this.store.chunks
      .query()
      .fullTextSearch(words.join(' '), {columns: 'terms'})
      .select([...FIELDS, '_score'])
      .limit(limit)
      .toArray()) as Scored[]
  }

  /** Chunks whose symbol is named by the question: any case for identifiers, exact spelling for capitalised words. */
  private async named(names: string[], exactCase: string[], limit: number): Promise<Evidence['names']> {
    const lookup = [
      ...new Set([...names, ...names.map((n) => n.replace(/[_$-]/g, '')), ...exactCase.map((w) => w.toLowerCase())]),
    ]
    if (!lookup.length) return []
    const rows = (await this.store.chunks
      .query()
      .where(`name IN (${sqlList(lookup)})`)
      .select([...FIELDS, 'name'])
      .limit(limit)
      .toArray()) as ChunkRow[]
    const out: Evidence['names'] = []
    for (const row of rows) {
      const named = names.find((n) => n === row.name || n.replace(/[_$-]/g, '') === row.name)
      if (named) out.push({row, name: named, exactCase: false})
      else {
        const last = row.symbol
          .split('.')
          .at(-1)
          ?.replace(/^#|^\[|\]$/g, '')
        const word = exactCase.find((w) => w === last)
        if (word) out.push({row, name: word, exactCase: true})
      }
    }
    return out
  }

  private async vectorRows(query: string, pool: number, signal?: AbortSignal): Promise<ChunkRow[]> {
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
    return hashes.flatMap((h) => byHash.get(h) ?? [])
  }

  /**
   * Never hand out a secret or what a symlink out of the project points to, even from an index built before oac
   * skipped them (the next `oac index` removes them).
   */
  private async withoutSecrets<T extends {path: string}>(files: T[]): Promise<T[]> {
    const root = await realpath(this.store.root).catch(() => this.store.root)
    const keep = await Promise.all(
      files.map(async (f) => {
        if (secretFileReason(f.path)) return false
        // Resolved whole: a link anywhere on the way (gh -> ~/.config/gh under gh/hosts.yml) counts.
        const abs = join(this.store.root, f.path)
        const target = await realpath(abs).catch(() => undefined)
        if (target) return target.startsWith(root + sep)
        // Gone from disk: its indexed text was the project's own; a dangling link is not kept.
        return !(await lstat(abs).catch(() => undefined))
      }),
    )
    return files.filter((_, i) => keep[i])
  }

  /** Files found by file-level evidence alone get the chunks that share most words with the question. */
  private async fillChunks(files: {path: string; chunks: ChunkRow[]}[], words: string[]): Promise<void> {
    const empty = files.filter((f) => !f.chunks.length)
    if (!empty.length) return
    const rows = (await this.store.chunks
      .query()
      .where(`path IN (${sqlList(empty.map((f) => f.path))})`)
      .select(FIELDS)
      .toArray()) as ChunkRow[]
    const overlap = (r: ChunkRow) => {
      const text = `${r.symbol} ${r.text}`.toLowerCase()
      return words.filter((w) => text.includes(w)).length
    }
    for (const f of empty)
      f.chunks = rows
        .filter((r) => r.path === f.path)
        .map((r) => ({r, n: overlap(r)}))
        .sort((a, b) => b.n - a.n || a.r.start - b.r.start)
        .map(({r}) => r)
  }

  close(): void {
    this.store.close()
  }
}
