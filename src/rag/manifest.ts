import {readFile, rename, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {z} from 'zod'
import {OacError} from '../errors.js'

// The index's own record of what it holds, beside the LanceDB tables: per file its content hash, size, mtime and
// the hashes of its chunks (to reuse and garbage-collect vectors), and the embedding model the vectors came from.
// Written atomically after every batch, so an interrupted run leaves an index that matches its record.

const fileEntry = z.object({
  hash: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  chunks: z.array(z.string()),
})
/** 2: the `files` table exists (file-level search). A version-1 index is re-chunked once by the next `oac index`. */
export const MANIFEST_VERSION = 2
const manifestSchema = z.object({
  version: z.union([z.literal(1), z.literal(2)]),
  files: z.record(z.string(), fileEntry),
  /** Files being written when the last run stopped: their rows are removed before anything else. */
  pending: z.array(z.string()).default([]),
  embedding: z.object({endpoint: z.string(), model: z.string(), dim: z.number()}).nullable().default(null),
  skipped: z.array(z.object({path: z.string(), reason: z.string(), detail: z.string()})).default([]),
  fallbacks: z.array(z.string()).default([]),
  updatedAt: z.string().default(''),
})

export type Manifest = z.infer<typeof manifestSchema>
export type FileEntry = z.infer<typeof fileEntry>

export const MANIFEST_FILE = 'manifest.json'

/** The rebuild command a user can run when the index folder is damaged. */
export const rebuildCommand = (root: string) => `oac index --rebuild ${JSON.stringify(root)}`

export class IndexCorruptError extends OacError {
  override name = 'IndexCorruptError'
  constructor(dir: string, why: string, root: string) {
    super(`The index at ${dir} is damaged or unreadable (${why}). Rebuild it with: ${rebuildCommand(root)}`)
  }
}

export const emptyManifest = (): Manifest => ({
  version: MANIFEST_VERSION,
  files: {},
  pending: [],
  embedding: null,
  skipped: [],
  fallbacks: [],
  updatedAt: '',
})

/** The manifest in `dir`, or undefined when there is none yet. */
export async function readManifest(dir: string, root: string): Promise<Manifest | undefined> {
  const file = join(dir, MANIFEST_FILE)
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined
    throw new IndexCorruptError(dir, `${MANIFEST_FILE}: ${e.message}`, root)
  })
  if (text === undefined) return undefined
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new IndexCorruptError(dir, `${MANIFEST_FILE} is not valid JSON: ${(error as Error).message}`, root)
  }
  const parsed = manifestSchema.safeParse(data)
  if (!parsed.success)
    throw new IndexCorruptError(
      dir,
      `${MANIFEST_FILE}: \`${parsed.error.issues[0]?.path.join('.')}\` is not as expected`,
      root,
    )
  return parsed.data
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const file = join(dir, MANIFEST_FILE)
  const tmp = `${file}.${process.pid}.tmp`
  manifest.updatedAt = new Date().toISOString()
  await writeFile(tmp, JSON.stringify(manifest))
  await rename(tmp, file)
}
