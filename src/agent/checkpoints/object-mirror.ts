import {copyFile, link, mkdir, readdir} from 'node:fs/promises'
import {dirname, join} from 'node:path'

// The project's git objects kept beside its checkpoints, so that history deleted by a command (`rm -rf .git`,
// `git reflog expire && git gc --prune=now`) can be put back. Object files are immutable and named by their content
// (loose objects by hash, packs by checksum), so the mirror only ever adds files: a hard link where the checkpoint
// store is on the same filesystem (no copy, no space), else a copy, made once per file.

const LOOSE_DIR = /^[0-9a-f]{2}$/
const LOOSE_FILE = /^[0-9a-f]{38}(?:[0-9a-f]{24})?$/
const PACK_FILE = /^pack-[0-9a-f]+\.(?:pack|idx|rev)$/

/** Object files under an objects folder, relative to it (`ab/cdef…`, `pack/pack-….pack`). */
async function objectFiles(objects: string): Promise<string[]> {
  const out: string[] = []
  for (const dir of await readdir(objects).catch(() => [] as string[])) {
    if (LOOSE_DIR.test(dir))
      for (const f of await readdir(join(objects, dir)).catch(() => [] as string[]))
        if (LOOSE_FILE.test(f)) out.push(`${dir}/${f}`)
    if (dir === 'pack')
      for (const f of await readdir(join(objects, dir)).catch(() => [] as string[]))
        if (PACK_FILE.test(f)) out.push(`pack/${f}`)
  }
  return out
}

/** Links (else copies) every object file of `from` that `to` lacks; returns how many. */
async function addMissing(from: string, to: string): Promise<number> {
  const have = new Set(await objectFiles(to))
  let added = 0
  for (const file of await objectFiles(from)) {
    if (have.has(file)) continue
    const target = join(to, file)
    await mkdir(dirname(target), {recursive: true})
    await link(join(from, file), target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return
      return copyFile(join(from, file), target)
    })
    added++
  }
  return added
}

/** Adds the project's new object files to the mirror. */
export function mirrorObjects(projectObjects: string, mirror: string): Promise<number> {
  return addMissing(projectObjects, mirror)
}

/** Puts back every mirrored object file the project lacks (objects added since are left alone). */
export function restoreObjects(mirror: string, projectObjects: string): Promise<number> {
  return addMissing(mirror, projectObjects)
}
