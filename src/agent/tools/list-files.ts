import {readdir} from 'node:fs/promises'
import {join, relative} from 'node:path'
import {listTracked} from '../../git/list-tracked.js'

// The files a search should see: what git tracks or would track (respects .gitignore), else a walk that skips the
// usual generated folders.

/** Folders a walk outside git skips: VCS data and what tools generate. */
export const SKIP_DIRS = ['.git', 'node_modules', 'dist', 'build', '.venv', '__pycache__', '.next', 'target']
const SKIP = new Set(SKIP_DIRS)

async function walk(dir: string, base: string, out: string[], limit: number): Promise<void> {
  let entries: import('node:fs').Dirent[]
  try {
    entries = await readdir(dir, {withFileTypes: true})
  } catch {
    return
  }
  for (const e of entries) {
    if (out.length >= limit) return
    const full = join(dir, e.name)
    if (e.isDirectory()) {
      if (!SKIP.has(e.name)) await walk(full, base, out, limit)
    } else if (e.isFile()) out.push(relative(base, full))
  }
}

/** Files under `dir`, relative to it, sorted. */
export async function listFiles(dir: string, limit = 50_000): Promise<string[]> {
  const tracked = await listTracked(dir)
  if (tracked) return tracked.slice(0, limit).sort()
  const out: string[] = []
  await walk(dir, dir, out, limit)
  return out.sort()
}
