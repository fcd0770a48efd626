import {createHash, type Hash} from 'node:crypto'
import {once} from 'node:events'
import {createWriteStream} from 'node:fs'
import {mkdir, rename, rm} from 'node:fs/promises'
import http, {type IncomingMessage} from 'node:http'
import https from 'node:https'
import {basename, dirname} from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {ChecksumError, DownloadError} from './download-errors.js'
import {ensureDiskSpace, hashPrefix, sha256Of, sizeOf} from './local-file.js'

// Resumable downloads of model files: into `<dest>.part`, resumed with a Range request, checked against the expected
// size and SHA-256 and only then renamed to `dest`, so that `dest` existing means a complete, verified file.
// Range and 206 semantics: RFC 9110 §14 (https://www.rfc-editor.org/rfc/rfc9110#section-14).

export {ChecksumError, DownloadError} from './download-errors.js'

export interface DownloadProgress {
  /** Bytes in the .part file now, resumed bytes included. */
  received: number
  /** Expected total, when the caller or the server told it. */
  total?: number
  /** Bytes that were already there when this request started. */
  resumedFrom: number
}

export interface DownloadOptions {
  url: string
  dest: string
  /** Expected SHA-256, hex. */
  sha256?: string
  /** Expected size in bytes. */
  size?: number
  onProgress?: (p: DownloadProgress) => void
  signal?: AbortSignal
  /** Extra request headers, e.g. Authorization: Bearer <HF token> for gated repositories. */
  headers?: Record<string, string>
  /** How many times an interrupted transfer is resumed before giving up (default 3). */
  retries?: number
  /** Wait before the n-th retry: n × this (default 1000 ms). */
  retryDelayMs?: number
  /** Redirects to follow (default 10); Hugging Face sends /resolve/ to its CDN. */
  maxRedirects?: number
  /** Give up when no byte arrives for this long (default 60 s). */
  idleTimeoutMs?: number
  /** Downloads again from scratch after a size or SHA-256 mismatch this many times (default 1). */
  mismatchRetries?: number
}

export interface DownloadResult {
  path: string
  bytes: number
  sha256: string
  /** True when `dest` was already complete and nothing was fetched. */
  skipped: boolean
  /** Bytes reused from an earlier .part (0 when it started from scratch). */
  resumedFrom: number
  /** A different file that was at `dest` before, moved here rather than overwritten. */
  keptAside?: string
}

/** The URL of a file of a Hugging Face repository (https://huggingface.co/docs/hub/en/models-downloading). */
export function huggingFaceUrl(repo: string, file: string, revision = 'main'): string {
  const path = file.split('/').map(encodeURIComponent).join('/')
  return `https://huggingface.co/${repo}/resolve/${encodeURIComponent(revision)}/${path}`
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

function get(url: URL, headers: Record<string, string>, o: DownloadOptions): Promise<IncomingMessage> {
  const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined
  if (!client) return Promise.reject(new DownloadError(`unsupported protocol in ${url.href}`))
  return new Promise((resolve, reject) => {
    const req = client.get(url, {headers, signal: o.signal}, resolve)
    req.setTimeout(o.idleTimeoutMs ?? 60_000, () =>
      req.destroy(new DownloadError(`no data from ${url.host} for ${o.idleTimeoutMs ?? 60_000} ms`, true)),
    )
    req.on('error', (e) =>
      reject(
        o.signal?.aborted || e instanceof DownloadError ? e : new DownloadError(`${url.href}: ${e.message}`, true),
      ),
    )
  })
}

/** GET with redirects followed. Credentials go to the first host only: the CDN URL carries its own signature. */
async function request(o: DownloadOptions, extra: Record<string, string>): Promise<{res: IncomingMessage; url: URL}> {
  let url = new URL(o.url)
  const first = url.host
  for (let hops = 0; ; hops++) {
    const headers = {'user-agent': 'oac', ...(url.host === first ? o.headers : {}), ...extra}
    const res = await get(url, headers, o)
    const location = res.headers.location
    if (!REDIRECTS.has(res.statusCode ?? 0) || !location) return {res, url}
    res.resume()
    if (hops >= (o.maxRedirects ?? 10)) throw new DownloadError(`too many redirects from ${o.url}`)
    url = new URL(location, url)
  }
}

// 'bytes 100-999/1000' → {start: 100, total: 1000}; 'bytes */1000' (with a 416) → {total: 1000}.
function parseContentRange(header: string | undefined): {start?: number; total?: number} {
  const m = header?.match(/^bytes\s+(?:(\d+)-\d+|\*)\/(\d+|\*)/)
  if (!m) return {}
  return {start: m[1] !== undefined ? Number(m[1]) : undefined, total: m[2] !== '*' ? Number(m[2]) : undefined}
}

interface Transferred {
  /** The total size the server announced. */
  total?: number
  /** The hash of the whole .part: the prefix hash carried on, or a fresh one when the file started over. */
  hash: Hash
  /** Where this transfer started writing: 0 when it started the file over. */
  start: number
}

/** One request: appends to the .part from `offset`, or rewrites it from 0 when the server sends the whole file. */
async function transfer(
  o: DownloadOptions,
  part: string,
  offset: number,
  prefix: Hash,
  onRestart: () => void,
): Promise<Transferred> {
  const {res, url} = await request(o, offset > 0 ? {range: `bytes=${offset}-`} : {})
  const status = res.statusCode ?? 0
  const name = basename(o.dest)
  if (status === 416) {
    res.resume()
    // Nothing after `offset`: the .part is complete when it has every byte; else start over.
    const {total} = parseContentRange(res.headers['content-range'])
    if (total !== undefined && total === offset) return {total, hash: prefix, start: offset}
    await rm(part, {force: true})
    onRestart()
    throw new DownloadError(`${name}: the server has no bytes from ${offset} on (416); starting over`, true)
  }
  if (status !== 200 && status !== 206) {
    res.resume()
    throw new DownloadError(`${name}: HTTP ${status} from ${url.href}`)
  }
  const length = res.headers['content-length'] !== undefined ? Number(res.headers['content-length']) : undefined
  let start = 0
  let total = length
  if (status === 206) {
    const range = parseContentRange(res.headers['content-range'])
    if (range.start !== offset) {
      res.resume()
      await rm(part, {force: true})
      onRestart()
      throw new DownloadError(`${name}: asked for bytes from ${offset}, got a range from ${range.start}`, true)
    }
    start = offset
    total = range.total ?? (length !== undefined ? offset + length : undefined)
  }
  // A 200 to a Range request: the server ignored it and sends the whole file, which replaces the .part.
  const hash = start === offset ? prefix : createHash('sha256')
  if (start !== offset) onRestart()
  const expected = o.size ?? total
  if (length !== undefined) {
    try {
      await ensureDiskSpace(name, dirname(part), length)
    } catch (error) {
      res.resume()
      throw error
    }
  }
  let received = start
  o.onProgress?.({received, total: expected, resumedFrom: start})
  // Written by hand rather than with pipeline(): when the connection drops, pipeline destroys the file stream with
  // chunks still buffered, and the .part would be shorter than what was received and hashed. Here the file is always
  // ended, so the .part holds every byte that arrived and the next attempt resumes right after it.
  const out = createWriteStream(part, {flags: start === 0 ? 'w' : 'a'})
  let writeError: Error | undefined
  out.on('error', (e) => {
    writeError = e
  })
  let failure: unknown
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      if (writeError) throw writeError
      hash.update(chunk)
      received += chunk.length
      if (!out.write(chunk)) await once(out, 'drain')
      o.onProgress?.({received, total: expected, resumedFrom: start})
    }
  } catch (e) {
    failure = e
  } finally {
    res.destroy()
    await new Promise<void>((resolve) => out.end(resolve))
  }
  if (writeError) {
    const full = (writeError as NodeJS.ErrnoException).code === 'ENOSPC'
    throw new DownloadError(
      `${name}: writing ${part} failed: ${full ? 'the disk is full (ENOSPC); free some space and run again to resume' : writeError.message}`,
    )
  }
  if (failure) {
    if (o.signal?.aborted) throw o.signal.reason ?? failure
    throw new DownloadError(`${name}: the connection dropped at byte ${received}: ${(failure as Error).message}`, true)
  }
  // A server that closes cleanly before Content-Length bytes (no error from the socket) is an interruption too.
  if (length !== undefined && received - start !== length)
    throw new DownloadError(`${name}: got ${received - start} of ${length} bytes before the connection closed`, true)
  return {total, hash, start}
}

/** A different file already at `dest` is renamed (never deleted): `<dest>.replaced-<first 12 hex of its sha256>`. */
async function moveAside(dest: string, signal?: AbortSignal): Promise<string | undefined> {
  if ((await sizeOf(dest)) === undefined) return undefined
  const aside = `${dest}.replaced-${(await sha256Of(dest, signal)).slice(0, 12)}`
  await rename(dest, aside)
  return aside
}

/**
 * Downloads `url` to `dest`, resuming a `.part` left by an earlier attempt, following redirects, and verifying
 * size and SHA-256 before the rename. A `dest` that exists with the right hash (or, without one, the right size)
 * is kept and nothing is fetched; one that differs is moved aside, not overwritten. A size or hash mismatch is
 * downloaded once more from scratch before failing. An interrupted transfer is resumed up to `retries` times; after that the .part
 * stays for the next call.
 */
export async function downloadFile(o: DownloadOptions): Promise<DownloadResult> {
  const {dest} = o
  const part = `${dest}.part`
  const name = basename(dest)
  const want = o.sha256?.toLowerCase()
  const existing = await sizeOf(dest)
  if (existing !== undefined && (o.size === undefined || existing === o.size)) {
    const actual = await sha256Of(dest, o.signal)
    if (!want || actual === want) return {path: dest, bytes: existing, sha256: actual, skipped: true, resumedFrom: 0}
  }
  let mismatches = 0
  await mkdir(dirname(dest), {recursive: true})
  if (o.size !== undefined) await ensureDiskSpace(name, dirname(dest), o.size - ((await sizeOf(part)) ?? 0))

  let attempts = 0
  let kept: number | undefined
  for (;;) {
    let offset = (await sizeOf(part)) ?? 0
    if (o.size !== undefined && offset > o.size) {
      await rm(part, {force: true})
      offset = 0
    }
    kept ??= offset
    const prefix = createHash('sha256')
    await hashPrefix(prefix, part, offset, o.signal)
    let done: Transferred
    try {
      done =
        o.size !== undefined && offset > 0 && offset === o.size
          ? {total: o.size, hash: prefix, start: offset}
          : await transfer(o, part, offset, prefix, () => {
              kept = 0
            })
    } catch (e) {
      if (e instanceof DownloadError && e.retryable && attempts < (o.retries ?? 3) && !o.signal?.aborted) {
        attempts += 1
        await delay((o.retryDelayMs ?? 1000) * attempts, undefined, {signal: o.signal})
        continue
      }
      throw e
    }
    const bytes = (await sizeOf(part)) ?? 0
    const expectedSize = o.size ?? done.total
    const actual = done.hash.digest('hex')
    const wrongSize = expectedSize !== undefined && bytes !== expectedSize
    if (wrongSize || (want && actual !== want)) {
      // Only the .part (what this download wrote) goes; a file the user had at `dest` is untouched. A corrupt
      // transfer or a stale CDN copy is worth one fresh download before giving up.
      await rm(part, {force: true})
      mismatches += 1
      if (mismatches <= (o.mismatchRetries ?? 1) && !o.signal?.aborted) {
        kept = 0
        continue
      }
      if (wrongSize)
        throw new DownloadError(
          `${name}: expected ${expectedSize} bytes, got ${bytes}${mismatches > 1 ? ` (${mismatches} downloads)` : ''}; the downloaded copy was deleted, files you had were left as they were`,
        )
      throw new ChecksumError(name, want as string, actual, mismatches)
    }
    const keptAside = existing !== undefined ? await moveAside(dest, o.signal) : undefined
    await rename(part, dest)
    return {path: dest, bytes, sha256: actual, skipped: false, resumedFrom: kept, ...(keptAside ? {keptAside} : {})}
  }
}
