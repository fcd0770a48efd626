import {lstat, realpath, stat} from 'node:fs/promises'
import {dirname, join, sep} from 'node:path'
import {listSourceFiles} from './list-source-files.js'
import type {Manifest} from './manifest.js'
import {skipByName} from './skip-file.js'
import type {SkippedFile} from './types.js'

// The first half of an index run: which files of the project exist, which changed since the manifest, and which
// are left out by name. A symlink is followed only when it leads to a file inside the project (git tracks links
// as links, and `aws.txt -> ~/.aws/credentials` must not be read); a file is read through its resolved path. The
// folders on the way count too: git still lists a tracked gh/hosts.yml after gh is replaced by a link to
// ~/.config/gh (sandboxed bash can make that link without seeing its target).

export interface ScannedFile {
  path: string
  /** Where to read it: the path itself, or the file inside the project a symlink leads to. */
  source: string
  size: number
  mtimeMs: number
}

export interface Scan {
  /** New or changed files (by size and mtime) to read. */
  work: ScannedFile[]
  /** Every path that is (still) in the index after this scan, unchanged or to be read. */
  present: Set<string>
  unchanged: number
  skipped: SkippedFile[]
}

type Looked = {size: number; mtimeMs: number; source: string} | {skip: SkippedFile} | undefined

const inside = (realRoot: string, target: string) => target === realRoot || target.startsWith(realRoot + sep)

/** Whether a folder of the project (relative) resolves inside the root, asked once per folder and scan. */
function folderCheck(root: string, realRoot: string): (dir: string) => Promise<boolean> {
  const seen = new Map<string, Promise<boolean>>()
  return (dir) => {
    let known = seen.get(dir)
    if (!known) {
      known = realpath(join(root, dir)).then((real) => inside(realRoot, real))
      seen.set(dir, known)
    }
    return known
  }
}

/** Where a listed path leads: a regular file (possibly through a symlink inside the root), a skip, or nothing. */
async function look(
  root: string,
  realRoot: string,
  path: string,
  folderInside: (dir: string) => Promise<boolean>,
): Promise<Looked> {
  const abs = join(root, path)
  const outside = {skip: {path, reason: 'outside', detail: 'symlink that leads outside the project'}} as const
  try {
    if (dirname(path) !== '.' && !(await folderInside(dirname(path)))) return outside
    const link = await lstat(abs)
    if (!link.isSymbolicLink()) return link.isFile() ? {size: link.size, mtimeMs: link.mtimeMs, source: abs} : undefined
    const target = await realpath(abs)
    if (!inside(realRoot, target)) return outside
    const s = await stat(target)
    return s.isFile() ? {size: s.size, mtimeMs: Math.max(s.mtimeMs, link.mtimeMs), source: target} : undefined
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // A tracked file deleted from the working tree (or a dangling link) is simply gone; anything else is reported.
    return code === 'ENOENT' ? undefined : {skip: {path, reason: 'unreadable', detail: code ?? String(error)}}
  }
}

export async function scanFiles(root: string, m: Manifest): Promise<Scan> {
  const realRoot = await realpath(root)
  const folderInside = folderCheck(root, realRoot)
  const paths = await listSourceFiles(root)
  const scan: Scan = {work: [], present: new Set(), unchanged: 0, skipped: []}
  for (let i = 0; i < paths.length; i += 256) {
    const slice = paths.slice(i, i + 256)
    const looked = await Promise.all(slice.map((p) => look(root, realRoot, p, folderInside)))
    slice.forEach((path, k) => {
      const l = looked[k]
      if (!l) return
      if ('skip' in l) {
        scan.skipped.push(l.skip)
        return
      }
      const verdict = skipByName(path, l.size)
      if (verdict) {
        scan.skipped.push({path, ...verdict})
        return
      }
      scan.present.add(path)
      const prev = m.files[path]
      if (prev && prev.size === l.size && prev.mtimeMs === l.mtimeMs) scan.unchanged++
      else scan.work.push({path, ...l})
    })
  }
  return scan
}
