import {readdir, readFile, stat, writeFile} from 'node:fs/promises'
import {join, relative} from 'node:path'

// Damage to the LanceDB files is found before LanceDB reads them: a damaged data or index file makes a query fail
// with a Rust panic, return wrong rows, or allocate until the process is killed (all three seen here on a file
// with bytes overwritten). LanceDB never rewrites a file it has written (each change adds data, index, deletion and
// version files), so after every run oac records each file's size and mtime, and every open compares: a recorded
// file that is now different was changed by something else. A file that is gone is left to LanceDB (a concurrent
// `oac index` may have compacted it away); the few files LanceDB does rewrite are not recorded.

const RECORD = 'db-files.json'
const MUTABLE = /(^|\/)(latest_version_hint\.json|_latest\.manifest)$/

type Fingerprint = Record<string, [size: number, mtimeMs: number]>

async function walk(root: string, dir: string, out: Fingerprint): Promise<void> {
  for (const e of await readdir(dir, {withFileTypes: true}).catch(() => [])) {
    const path = join(dir, e.name)
    if (e.isDirectory()) await walk(root, path, out)
    else if (e.isFile()) {
      const rel = relative(root, path)
      if (MUTABLE.test(rel)) continue
      const s = await stat(path).catch(() => undefined)
      if (s) out[rel] = [s.size, s.mtimeMs]
    }
  }
}

/** Records the database files of the index in `dir` (call after every write). */
export async function recordDbFiles(dir: string): Promise<void> {
  const out: Fingerprint = {}
  await walk(join(dir, 'db'), join(dir, 'db'), out)
  await writeFile(join(dir, RECORD), JSON.stringify(out))
}

/** The first recorded database file that changed since oac wrote it, or undefined (also without a record). */
export async function changedDbFile(dir: string): Promise<string | undefined> {
  let record: Fingerprint
  try {
    record = JSON.parse(await readFile(join(dir, RECORD), 'utf8')) as Fingerprint
  } catch {
    return undefined
  }
  const entries = Object.entries(record)
  for (let i = 0; i < entries.length; i += 64) {
    const found = await Promise.all(
      entries.slice(i, i + 64).map(async ([rel, [size, mtimeMs]]) => {
        const s = await stat(join(dir, 'db', rel)).catch(() => undefined)
        return s && (s.size !== size || s.mtimeMs !== mtimeMs) ? rel : undefined
      }),
    )
    const changed = found.find(Boolean)
    if (changed) return changed
  }
  return undefined
}
