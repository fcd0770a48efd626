import {mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import {join} from 'node:path'
import type {Connection, Table} from '@lancedb/lancedb'
import {OacError} from '../errors.js'
import {changedDbFile, recordDbFiles} from './db-fingerprint.js'
import {emptyManifest, IndexCorruptError, type Manifest, readManifest, writeManifest} from './manifest.js'

// The index on disk, under the project's .oac/index/: a LanceDB database with three tables and the manifest.
// `chunks` holds the text and where it came from, with a full-text index on `terms`; `files` holds one row per file
// (its kind and the words of its path, symbols and text) with a full-text index of its own, so search can weigh
// evidence spread over a file against the best single chunk; `vectors` holds one embedding per distinct chunk text
// (keyed by its hash), so a lexical index gains vectors later without being rebuilt, and a changed embedding model
// only replaces `vectors`. LanceDB is imported on first use (it is a large native module).

export const INDEX_DIR = join('.oac', 'index')
/** Vectors from which an IVF-PQ index pays off; below it a flat scan is exact and fast enough (< 50 ms). */
export const ANN_MIN_ROWS = 50_000
/** Fragments (one per write) a table may have before the next run that changed it compacts it. */
export const FRAGMENT_LIMIT = 16
const PENDING_FILE = 'pending.json'

export interface ChunkRow {
  path: string
  symbol: string
  /** The symbol's last part, lower-cased: exact-name lookups. */
  name: string
  kind: string
  signature: string
  start: number
  end: number
  /** Hash of the text that is embedded: the key into `vectors`. */
  hash: string
  text: string
  /** What full-text search matches: path, symbol and text, with identifiers split into words. */
  terms: string
}

/** One file as file-level full-text search sees it. */
export interface FileRow {
  path: string
  /** The path's words (twice: a file's name says more than one word of its text), its symbols' names, its text. */
  terms: string
}

export const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`
export const sqlList = (values: string[]) => values.map(sqlString).join(', ')

type Lance = typeof import('@lancedb/lancedb')
type Arrow = typeof import('apache-arrow')

export class IndexStore {
  private constructor(
    readonly root: string,
    readonly dir: string,
    readonly lance: Lance,
    private readonly arrow: Arrow,
    private readonly db: Connection,
    public manifest: Manifest,
    public chunks: Table,
    /** Missing in indexes built before file-level search (manifest version 1) until the next `oac index`. */
    public files: Table | undefined,
    public vectors: Table | undefined,
  ) {}

  /** Opens the index of `root`; creates it when `create` is set, else fails when there is none. */
  static async open(root: string, o: {create: boolean; rebuild?: boolean}): Promise<IndexStore> {
    const dir = join(root, INDEX_DIR)
    if (o.rebuild) await rm(dir, {recursive: true, force: true})
    const existing = await readManifest(dir, root)
    if (!existing && !o.create) throw new NoIndexError(root)
    const changed = existing && (await changedDbFile(dir))
    if (changed) throw new IndexCorruptError(dir, `${changed} was changed by something other than oac`, root)
    // A damaged file that still gets read makes LanceDB panic; the panic is an error here, not a Rust backtrace.
    process.env.RUST_BACKTRACE = '0'
    // With as many compute threads as cores (its default), LanceDB 0.31 hangs building a full-text index of ~100k
    // rows on a 2-core machine (measured here: no progress in 18 min; with 8 threads the build takes 7.5 s).
    process.env.LANCE_CPU_THREADS ??= String(Math.max(8, availableParallelism()))
    const [lance, arrow] = await Promise.all([import('@lancedb/lancedb'), import('apache-arrow')])
    await mkdir(dir, {recursive: true})
    // The index is a cache of the working tree: keep it out of git without touching the project's .gitignore.
    await writeFile(join(dir, '.gitignore'), '*\n')
    try {
      const db = await lance.connect(join(dir, 'db'))
      const names = await db.tableNames()
      if (existing && !names.includes('chunks')) throw new Error('the chunks table is missing')
      const chunks = names.includes('chunks')
        ? await db.openTable('chunks')
        : await db.createEmptyTable('chunks', chunkSchema(arrow))
      const files = names.includes('files')
        ? await db.openTable('files')
        : o.create
          ? await db.createEmptyTable('files', fileSchema(arrow))
          : undefined
      const vectors = names.includes('vectors') ? await db.openTable('vectors') : undefined
      if (vectors) await vectors.countRows()
      if (files) await files.countRows()
      await chunks.countRows()
      return new IndexStore(root, dir, lance, arrow, db, existing ?? emptyManifest(), chunks, files, vectors)
    } catch (error) {
      if (error instanceof IndexCorruptError) throw error
      throw new IndexCorruptError(dir, (error as Error).message.split('\n')[0] ?? 'unknown', root)
    }
  }

  /** Records the database files as they are now: call when a run has written everything (db-fingerprint.ts). */
  async recordFiles(): Promise<void> {
    await recordDbFiles(this.dir)
  }

  async saveManifest(): Promise<void> {
    await writeManifest(this.dir, this.manifest)
  }

  /**
   * The files of the batch being written, in a small file of their own (rewriting the whole manifest before every
   * batch would cost more than the batch): rows of these paths may be half-written until `clearPending`.
   */
  async markPending(paths: string[]): Promise<void> {
    await writeFile(join(this.dir, PENDING_FILE), JSON.stringify(paths))
  }

  async clearPending(): Promise<void> {
    await rm(join(this.dir, PENDING_FILE), {force: true})
  }

  /** Paths a run was writing when it stopped (the manifest's own list, from older indexes, included). */
  async readPending(): Promise<string[]> {
    const text = await readFile(join(this.dir, PENDING_FILE), 'utf8').catch(() => '[]')
    let paths: unknown
    try {
      paths = JSON.parse(text)
    } catch {
      paths = []
    }
    return [...this.manifest.pending, ...(Array.isArray(paths) ? paths.filter((p) => typeof p === 'string') : [])]
  }

  async deletePaths(paths: string[]): Promise<void> {
    for (let i = 0; i < paths.length; i += 500) {
      const where = `path IN (${sqlList(paths.slice(i, i + 500))})`
      await this.chunks.delete(where)
      await this.files?.delete(where)
    }
  }

  async addChunks(rows: ChunkRow[]): Promise<void> {
    if (rows.length) await this.chunks.add(rows as unknown as Record<string, unknown>[])
  }

  async addFiles(rows: FileRow[]): Promise<void> {
    if (rows.length) await this.files?.add(rows as unknown as Record<string, unknown>[])
  }

  /** Adds vectors; the first ones fix the table's dimension. */
  async addVectors(rows: {hash: string; vector: number[]}[]): Promise<void> {
    if (!rows.length) return
    if (!this.vectors) {
      const dim = rows[0]?.vector.length ?? 0
      this.vectors = await this.db.createEmptyTable('vectors', vectorSchema(this.arrow, dim))
    }
    await this.vectors.add(rows as unknown as Record<string, unknown>[])
  }

  async deleteVectors(hashes: string[]): Promise<void> {
    if (!this.vectors) return
    for (let i = 0; i < hashes.length; i += 500)
      await this.vectors.delete(`hash IN (${sqlList(hashes.slice(i, i + 500))})`)
  }

  /** Drops every vector (another embedding model or dimension); the chunks stay. */
  async dropVectors(): Promise<void> {
    if (this.vectors) await this.db.dropTable('vectors')
    this.vectors = undefined
  }

  /** Builds the full-text and scalar indices once, folds new rows into them, and adds an ANN index when large. */
  async maintain(changed: boolean): Promise<{ann: boolean}> {
    const {Index} = this.lance
    const names = (await this.chunks.listIndices()).map((i) => i.name)
    if (!names.includes('terms_idx'))
      await this.chunks.createIndex('terms', {config: Index.fts({withPosition: false}), replace: true})
    // Scalar lookups a query makes: symbol names, the chunks of the nearest vectors (by hash), and the chunks of
    // files found by file-level evidence (by path); without an index each one scans every row (~20 ms at 100k).
    for (const column of ['name', 'hash', 'path'])
      if (!names.includes(`${column}_idx`))
        await this.chunks.createIndex(column, {config: Index.btree(), replace: true})
    if (await this.worthOptimizing(this.chunks, 'terms_idx', changed))
      await this.chunks.optimize({cleanupOlderThan: new Date()})
    if (this.files) {
      const fileIndices = (await this.files.listIndices()).map((i) => i.name)
      if (!fileIndices.includes('terms_idx'))
        await this.files.createIndex('terms', {config: Index.fts({withPosition: false}), replace: true})
      if (await this.worthOptimizing(this.files, 'terms_idx', changed))
        await this.files.optimize({cleanupOlderThan: new Date()})
    }
    if (!this.vectors) return {ann: false}
    const hasAnn = (await this.vectors.listIndices()).some((i) => i.name === 'vector_idx')
    if (await this.worthOptimizing(this.vectors, hasAnn ? 'vector_idx' : undefined, changed))
      await this.vectors.optimize({cleanupOlderThan: new Date()})
    const rows = await this.vectors.countRows()
    if (!hasAnn && rows >= ANN_MIN_ROWS) {
      await this.vectors.createIndex('vector', {
        config: Index.ivfPq({distanceType: 'cosine', numPartitions: Math.round(Math.sqrt(rows)), numSubVectors: 32}),
      })
      return {ann: true}
    }
    return {ann: hasAnn}
  }

  /**
   * Whether enough rows sit outside an index to fold them in, or the table is spread over too many fragments:
   * searches cover unindexed rows with a flat scan, so a small edit is searchable at once, and compaction (which
   * rewrites data) runs only every few thousand rows or `FRAGMENT_LIMIT` runs. Fragments cost every query: a build
   * writes one per batch, and reading a query's rows from 20 fragments took 24 ms here at 100k chunks, from one 8 ms.
   */
  private async worthOptimizing(table: Table, index: string | undefined, changed: boolean): Promise<boolean> {
    if (changed && index) {
      const stats = await table.indexStats(index)
      if (!stats || stats.numUnindexedRows > Math.max(2000, stats.numIndexedRows / 10)) return true
    }
    // Checked on unchanged runs too, so an index built before this rule is compacted by its next `oac index`.
    return (await table.stats()).fragmentStats.numFragments > FRAGMENT_LIMIT
  }

  /** A LanceDB failure while reading (a damaged file that slipped past the fingerprint) as a damaged index. */
  damaged(error: unknown): unknown {
    if (error instanceof OacError || !/lance|panic/i.test(String((error as Error)?.message))) return error
    const why =
      String((error as Error).message)
        .split('\n')[0]
        ?.slice(0, 200) ?? 'unknown'
    return new IndexCorruptError(this.dir, why, this.root)
  }

  close(): void {
    this.db.close()
  }
}

export class NoIndexError extends OacError {
  override name = 'NoIndexError'
  constructor(root: string) {
    super(`No code index in ${root} (no ${INDEX_DIR}). Build it with: oac index ${JSON.stringify(root)}`)
  }
}

function chunkSchema(arrow: Arrow) {
  const {Field, Int32, Schema, Utf8} = arrow
  const text = ['path', 'symbol', 'name', 'kind', 'signature']
  return new Schema([
    ...text.map((n) => new Field(n, new Utf8(), false)),
    new Field('start', new Int32(), false),
    new Field('end', new Int32(), false),
    ...['hash', 'text', 'terms'].map((n) => new Field(n, new Utf8(), false)),
  ])
}

function fileSchema(arrow: Arrow) {
  const {Field, Schema, Utf8} = arrow
  return new Schema(['path', 'terms'].map((n) => new Field(n, new Utf8(), false)))
}

function vectorSchema(arrow: Arrow, dim: number) {
  const {Field, FixedSizeList, Float32, Schema, Utf8} = arrow
  return new Schema([
    new Field('hash', new Utf8(), false),
    new Field('vector', new FixedSizeList(dim, new Field('item', new Float32(), true)), false),
  ])
}
