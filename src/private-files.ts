import {randomBytes} from 'node:crypto'
import {chmodSync, closeSync, existsSync, openSync, renameSync, statSync, unlinkSync, writeSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {makeDir} from './make-dir.js'

// oac's own files (the session store, approvals, settings it writes) can hold prompts, tool output and tokens:
// only their owner may read them. Directories are 0700 and files 0600, and a file is created with its final mode
// (never written first and chmod-ed after, which leaves a window where others can open it).

export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** Creates `dir` (and missing parents) as 0700; an existing dir is narrowed to 0700 when it is ours and wider. */
export function ensurePrivateDir(dir: string): void {
  if (!existsSync(dir)) makeDir(dir, PRIVATE_DIR_MODE)
  narrow(dir, PRIVATE_DIR_MODE)
}

/** Narrows an existing file or dir to `mode` when it is wider (and belongs to us). */
export function narrow(path: string, mode: number): void {
  try {
    const info = statSync(path)
    if ((info.mode & 0o777 & ~mode) !== 0 && (process.getuid?.() ?? info.uid) === info.uid) chmodSync(path, mode)
  } catch {
    // gone or not ours: nothing to narrow
  }
}

/** Writes `text` to `file` atomically, created 0600 in a 0700 dir. */
export function writePrivateFile(file: string, text: string): void {
  ensurePrivateDir(dirname(file))
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    const fd = openSync(temp, 'wx', PRIVATE_FILE_MODE)
    try {
      writeSync(fd, text)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, file)
  } catch (error) {
    try {
      unlinkSync(temp)
    } catch {
      // never created
    }
    throw error
  }
}
