import {randomBytes} from 'node:crypto'
import {chmod, realpath, rename, stat, unlink, writeFile} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

// A file is replaced whole or not at all: the text goes to a temp file beside it, which is then renamed over it
// (atomic on one filesystem). An interrupted write leaves the old file and at most a stray temp file, never half
// of the new text. The old file's permissions are kept, and a symlink stays a link (its target is replaced).

/** `newFileMode`: the permissions of a file that does not exist yet (default: the umask's). */
export async function atomicWrite(file: string, content: string, newFileMode?: number): Promise<void> {
  const path = await realpath(file).catch(() => file)
  const temp = join(dirname(path), `.${basename(path)}.oac-${randomBytes(4).toString('hex')}.tmp`)
  const mode = await stat(path).then(
    (s) => s.mode & 0o7777,
    () => newFileMode,
  )
  try {
    await writeFile(temp, content, mode !== undefined ? {mode} : {})
    if (mode !== undefined) await chmod(temp, mode)
    await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
}
