import {closeSync, openSync, readSync, statSync} from 'node:fs'
import {UsageError} from '../../errors.js'

// A model file a user names (`oac serve --model`, `oac quickstart --model`) is checked before anything loads it: a
// typo, a folder or a file of another format is bad input (exit 2), not an engine that fails to start (exit 1).

/** The first four bytes of every GGUF file (ggml's docs/gguf.md: the magic "GGUF"). */
const GGUF_MAGIC = 'GGUF'

function startsWithGguf(path: string): boolean {
  const fd = openSync(path, 'r')
  try {
    const head = Buffer.alloc(4)
    return readSync(fd, head, 0, 4, 0) === 4 && head.toString('latin1') === GGUF_MAGIC
  } finally {
    closeSync(fd)
  }
}

/** Throws a UsageError unless `path` is a GGUF file; `flag` names where it came from. */
export function checkGgufFile(path: string, flag = '--model'): void {
  const info = statSync(path, {throwIfNoEntry: false})
  if (!info?.isFile()) throw new UsageError(`${flag}: no model file ${path} (a GGUF file)`)
  if (!startsWithGguf(path))
    throw new UsageError(`${flag}: ${path} is not a GGUF file (it does not start with "GGUF"); give a .gguf model`)
}
