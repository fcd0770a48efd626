import {basename} from 'node:path'
import type {ReleaseDownload} from '../engines/types.js'
import {downloadFile} from './download.js'
import {DownloadError} from './download-errors.js'

// A release archive checked against its release's checksum file before anything uses it: the expected SHA-256 comes
// from the checksum file (`sha256sum` output), the archive lands as <dest>.part, is hashed while it streams, and is
// renamed to <dest> only when the hashes match. A mismatch deletes that .part (nothing else) and names both hashes.
// Replaces `curl ... | sh`, which runs whatever the server sends.

/** Checksum files are a few lines; anything bigger is not one. */
const MAX_CHECKSUMS_BYTES = 1 << 20

/**
 * The SHA-256 that a `sha256sum` listing gives for `file`: lines `<64 hex>  <name>` (or ` *<name>` in binary
 * mode), where the name may carry a directory (Ollama's read `./ollama-linux-amd64.tar.zst`).
 */
export function checksumFor(listing: string, file: string): string | undefined {
  for (const line of listing.split(/\r?\n/)) {
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.trim())
    if (m?.[1] && m[2] && basename(m[2].trim()) === file) return m[1].toLowerCase()
  }
  return undefined
}

async function fetchChecksums(url: string, signal?: AbortSignal): Promise<string> {
  let res: Response
  try {
    res = await fetch(url, {redirect: 'follow', ...(signal ? {signal} : {})})
  } catch (e) {
    throw new DownloadError(`cannot fetch the checksum file ${url}: ${(e as Error).message}`)
  }
  if (!res.ok) throw new DownloadError(`the checksum file ${url} answered HTTP ${res.status}`)
  const text = await res.text()
  if (text.length > MAX_CHECKSUMS_BYTES) throw new DownloadError(`${url} is too large to be a checksum file`)
  return text
}

export interface VerifiedDownloadResult {
  path: string
  sha256: string
  bytes: number
  /** True when <dest> was already there with the expected hash. */
  skipped: boolean
}

/** Downloads `d.url` to `d.dest` if and only if its SHA-256 is the one the release's checksum file lists. */
export async function verifiedDownload(
  d: ReleaseDownload,
  options: {signal?: AbortSignal; onProgress?: (received: number, total?: number) => void} = {},
): Promise<VerifiedDownloadResult> {
  const file = basename(new URL(d.url).pathname)
  const expected = checksumFor(await fetchChecksums(d.checksumsUrl, options.signal), file)
  if (!expected) throw new DownloadError(`${d.checksumsUrl} lists no checksum for ${file}: nothing was downloaded`)
  const r = await downloadFile({
    url: d.url,
    dest: d.dest,
    sha256: expected,
    // A release archive whose hash differs is not a flaky transfer to try again: stop at the first mismatch.
    mismatchRetries: 0,
    ...(options.signal ? {signal: options.signal} : {}),
    ...(options.onProgress ? {onProgress: (p) => options.onProgress?.(p.received, p.total)} : {}),
  })
  return {path: r.path, sha256: r.sha256, bytes: r.bytes, skipped: r.skipped}
}
