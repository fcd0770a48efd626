import {existsSync, mkdirSync, statSync} from 'node:fs'
import {dirname, resolve} from 'node:path'
import {UsageError} from './errors.js'

// Creating a folder a user named (--out, --dir, --result-dir, $OAC_HOME) without Node's recursive mkdir, which on
// Node 20 never returns for a path under /proc (mkdir answers ENOENT there and the recursion retries forever:
// `oac report --out /proc/nope/r.html` spun at 80% CPU). The missing folders are made one by one from the nearest
// one that exists, so any failure is an error naming the path.

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  // What /proc and other virtual file systems answer.
  ENOENT: 'this file system does not allow a folder there',
  ENOTDIR: 'a parent is a file, not a folder',
}

/**
 * Makes the folder of an output file a flag names, before any work, so a path that cannot be written fails at once
 * (exit 2) instead of after the run.
 */
export function prepareOutputFile(file: string, flag: string): void {
  if (existsSync(file) && statSync(file).isDirectory())
    throw new UsageError(`${flag} ${file} is a folder; give a file name`)
  try {
    makeDir(dirname(file))
  } catch (error) {
    throw new UsageError(`${flag} ${file}: ${(error as Error).message}`)
  }
}

/** Makes `dir` and its missing parents; a path that cannot be a folder is a UsageError (exit 2) naming it. */
export function makeDir(dir: string, mode?: number): void {
  const missing: string[] = []
  let at = resolve(dir)
  while (!existsSync(at)) {
    missing.unshift(at)
    const up = dirname(at)
    if (up === at) break
    at = up
  }
  if (existsSync(at) && !statSync(at).isDirectory())
    throw new UsageError(`Cannot create the folder ${dir}: ${at} is a file, not a folder`)
  for (const path of missing) {
    try {
      mkdirSync(path, mode === undefined ? {} : {mode})
    } catch (error) {
      const e = error as NodeJS.ErrnoException
      if (e.code === 'EEXIST' && statSync(path).isDirectory()) continue
      const reason = (e.code && REASONS[e.code]) ?? e.message
      throw new UsageError(`Cannot create the folder ${dir}: ${reason} (at ${path})`)
    }
  }
}
