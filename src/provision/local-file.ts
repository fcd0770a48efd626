import {createHash, type Hash} from 'node:crypto'
import {createReadStream} from 'node:fs'
import {stat, statfs} from 'node:fs/promises'
import {DownloadError} from './download-errors.js'

// The local side of a download: sizes and hashes of (partial) files, and room on the disk.

export async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size
  } catch {
    return undefined
  }
}

/** Feeds the first `bytes` bytes of a file into a hash. */
export async function hashPrefix(hash: Hash, path: string, bytes: number, signal?: AbortSignal): Promise<void> {
  if (bytes <= 0) return
  const stream = createReadStream(path, {start: 0, end: bytes - 1, signal})
  for await (const chunk of stream) hash.update(chunk as Buffer)
}

export async function sha256Of(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256')
  await hashPrefix(hash, path, (await sizeOf(path)) ?? 0, signal)
  return hash.digest('hex')
}

const GiB = 1024 ** 3

/** Fails before writing when the disk holding `dir` cannot take `bytes` more: better than a full disk mid-file. */
export async function ensureDiskSpace(name: string, dir: string, bytes: number): Promise<void> {
  const fs = await statfs(dir)
  const free = fs.bavail * fs.bsize
  if (bytes > free)
    throw new DownloadError(
      `${name}: not enough disk space in ${dir}: need ${(bytes / GiB).toFixed(2)} GiB, ${(free / GiB).toFixed(2)} GiB free`,
    )
}
