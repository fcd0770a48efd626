import {createHash, randomBytes} from 'node:crypto'
import {existsSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {createServer, type IncomingHttpHeaders, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {ChecksumError, DownloadError, downloadFile, huggingFaceUrl} from '../../src/provision/download.js'

const body = randomBytes(256 * 1024 + 123)
const sha = createHash('sha256').update(body).digest('hex')
const CUT_AT = 100_000

interface Seen {
  path: string
  headers: IncomingHttpHeaders
}
let seen: Seen[] = []
let server: Server
let base = ''

/** Answers a GET for `body`, honouring `Range: bytes=N-` with 206 unless `ignoreRange`. */
function serve(
  req: {headers: IncomingHttpHeaders},
  res: import('node:http').ServerResponse,
  opts: {ignoreRange?: boolean; cutAt?: number} = {},
) {
  const range = req.headers.range?.match(/^bytes=(\d+)-$/)
  let start = 0
  if (range && !opts.ignoreRange) {
    start = Number(range[1])
    if (start >= body.length) {
      res.writeHead(416, {'content-range': `bytes */${body.length}`})
      res.end()
      return
    }
    res.writeHead(206, {
      'content-length': body.length - start,
      'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
    })
  } else res.writeHead(200, {'content-length': body.length})
  if (opts.cutAt !== undefined) {
    // Headers promise the whole body; send part of it, then close the connection (FIN, so every byte sent arrives).
    res.write(body.subarray(start, opts.cutAt), () => res.socket?.end())
    return
  }
  res.end(body.subarray(start))
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/'
    seen.push({path, headers: req.headers})
    if (path === '/file') return serve(req, res)
    if (path === '/redirect') {
      res.writeHead(302, {location: '/cdn/file?signature=abc'})
      return res.end()
    }
    if (path === '/cdn/file?signature=abc') return serve(req, res)
    if (path === '/absolute-redirect') {
      res.writeHead(307, {location: `${base.replace('127.0.0.1', 'localhost')}/file`})
      return res.end()
    }
    if (path === '/norange') return serve(req, res, {ignoreRange: true})
    // Cuts the body of every request that does not resume: the first attempt always breaks at CUT_AT.
    if (path === '/cut') return serve(req, res, req.headers.range ? {} : {cutAt: CUT_AT})
    if (path === '/always-cut') return serve(req, res, {cutAt: CUT_AT})
    // A file larger than any disk (10 PB announced): the download must refuse before writing a byte.
    if (path === '/huge') {
      res.writeHead(200, {'content-length': String(10 * 1024 ** 5)})
      res.write(body.subarray(0, 1024))
      return
    }
    res.writeHead(404)
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

let dir = ''
beforeEach(() => {
  seen = []
  dir = mkdtempSync(join(tmpdir(), 'oac-download-'))
})

describe('downloadFile', () => {
  it('downloads, verifies and renames, reporting progress', async () => {
    const dest = join(dir, 'sub', 'model.gguf')
    const progress: number[] = []
    const result = await downloadFile({
      url: `${base}/file`,
      dest,
      sha256: sha,
      size: body.length,
      onProgress: (p) => progress.push(p.received),
    })
    expect(result).toEqual({path: dest, bytes: body.length, sha256: sha, skipped: false, resumedFrom: 0})
    expect(readFileSync(dest).equals(body)).toBe(true)
    expect(existsSync(`${dest}.part`)).toBe(false)
    expect(progress.at(-1)).toBe(body.length)
    expect(seen.map((s) => s.headers.range)).toEqual([undefined])
  })

  it('follows a redirect to the CDN without sending the Authorization header there', async () => {
    const dest = join(dir, 'a.bin')
    await downloadFile({url: `${base}/redirect`, dest, sha256: sha, headers: {authorization: 'Bearer hf_x'}})
    expect(readFileSync(dest).equals(body)).toBe(true)
    expect(seen.map((s) => s.path)).toEqual(['/redirect', '/cdn/file?signature=abc'])
    // Same host: the header stays.
    expect(seen[1]?.headers.authorization).toBe('Bearer hf_x')
  })

  it('follows a redirect to an absolute URL on another host, leaving the credentials behind', async () => {
    const dest = join(dir, 'b.bin')
    const result = await downloadFile({
      url: `${base}/absolute-redirect`,
      dest,
      sha256: sha,
      headers: {authorization: 'x'},
    })
    expect(result.bytes).toBe(body.length)
    expect(seen.map((s) => s.path)).toEqual(['/absolute-redirect', '/file'])
    expect(seen[0]?.headers.authorization).toBe('x')
    expect(seen[1]?.headers.authorization).toBeUndefined()
  })

  it('keeps the .part of an interrupted response and resumes it with a Range request', async () => {
    const dest = join(dir, 'cut.bin')
    await expect(downloadFile({url: `${base}/cut`, dest, sha256: sha, retries: 0})).rejects.toThrow(DownloadError)
    expect(existsSync(dest)).toBe(false)
    // Node discards what it had buffered but not yet handed over when the socket closes early: the .part holds
    // every byte the reader got, at most CUT_AT.
    const kept = statSync(`${dest}.part`).size
    expect(kept).toBeGreaterThan(0)
    expect(kept).toBeLessThanOrEqual(CUT_AT)
    expect(readFileSync(`${dest}.part`).equals(body.subarray(0, kept))).toBe(true)

    seen = []
    const result = await downloadFile({url: `${base}/cut`, dest, sha256: sha, size: body.length})
    expect(seen.map((s) => s.headers.range)).toEqual([`bytes=${kept}-`])
    expect(result.resumedFrom).toBe(kept)
    expect(result.sha256).toBe(sha)
    expect(readFileSync(dest).equals(body)).toBe(true)
    expect(existsSync(`${dest}.part`)).toBe(false)
  })

  it('resumes by itself within one call when the connection drops', async () => {
    const dest = join(dir, 'auto.bin')
    const result = await downloadFile({url: `${base}/cut`, dest, sha256: sha, retryDelayMs: 0})
    expect(seen).toHaveLength(2)
    expect(seen[0]?.headers.range).toBeUndefined()
    const from = Number(seen[1]?.headers.range?.match(/^bytes=(\d+)-$/)?.[1])
    expect(from).toBeGreaterThan(0)
    expect(from).toBeLessThanOrEqual(CUT_AT)
    expect(result.resumedFrom).toBe(0)
    expect(readFileSync(dest).equals(body)).toBe(true)
  })

  it('gives up after the retries and keeps the .part', async () => {
    const dest = join(dir, 'never.bin')
    await expect(downloadFile({url: `${base}/always-cut`, dest, retries: 2, retryDelayMs: 0})).rejects.toThrow(
      /connection/,
    )
    expect(seen).toHaveLength(3)
    expect(existsSync(`${dest}.part`)).toBe(true)
  })

  it('starts over when the server ignores Range and answers 200', async () => {
    const dest = join(dir, 'norange.bin')
    writeFileSync(`${dest}.part`, Buffer.from('stale bytes that are not the file'))
    const result = await downloadFile({url: `${base}/norange`, dest, sha256: sha, size: body.length})
    expect(seen[0]?.headers.range).toBe('bytes=33-')
    expect(result.resumedFrom).toBe(0)
    expect(readFileSync(dest).equals(body)).toBe(true)
  })

  it('finishes a .part that already holds every byte without fetching it again', async () => {
    const dest = join(dir, 'whole.bin')
    writeFileSync(`${dest}.part`, body)
    const result = await downloadFile({url: `${base}/file`, dest, sha256: sha})
    // Size unknown: the server's 416 with bytes */<size> says nothing is missing.
    expect(seen.map((s) => s.headers.range)).toEqual([`bytes=${body.length}-`])
    expect(result.resumedFrom).toBe(body.length)
    expect(readFileSync(dest).equals(body)).toBe(true)
  })

  it('deletes the .part on a checksum mismatch and names the file and both hashes', async () => {
    const dest = join(dir, 'bad.gguf')
    const wrong = 'a'.repeat(64)
    const error = await downloadFile({url: `${base}/file`, dest, sha256: wrong}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChecksumError)
    expect((error as Error).message).toContain('bad.gguf')
    expect((error as Error).message).toContain(wrong)
    expect((error as Error).message).toContain(sha)
    expect(existsSync(`${dest}.part`)).toBe(false)
    expect(existsSync(dest)).toBe(false)
  })

  it('rejects a file of the wrong size', async () => {
    const dest = join(dir, 'short.bin')
    await expect(downloadFile({url: `${base}/file`, dest, size: body.length + 1})).rejects.toThrow(
      /expected 262268 bytes, got 262267/,
    )
    expect(existsSync(`${dest}.part`)).toBe(false)
  })

  it('skips a complete file with the right hash without a request', async () => {
    const dest = join(dir, 'done.bin')
    writeFileSync(dest, body)
    const result = await downloadFile({url: `${base}/file`, dest, sha256: sha, size: body.length})
    expect(result.skipped).toBe(true)
    expect(seen).toHaveLength(0)
  })

  it('downloads again over an existing file whose hash is wrong', async () => {
    const dest = join(dir, 'corrupt.bin')
    writeFileSync(dest, Buffer.alloc(body.length))
    const result = await downloadFile({url: `${base}/file`, dest, sha256: sha})
    expect(result.skipped).toBe(false)
    expect(readFileSync(dest).equals(body)).toBe(true)
  })

  it('refuses a file the disk cannot hold, before writing anything, with the space needed and free', async () => {
    const dest = join(dir, 'huge.gguf')
    await expect(downloadFile({url: `${base}/huge`, dest})).rejects.toThrow(
      /huge\.gguf: not enough disk space in .*: need 10485760\.00 GiB, [\d.]+ GiB free/,
    )
    await expect(downloadFile({url: `${base}/file`, dest, size: 10 * 1024 ** 5})).rejects.toThrow(
      /not enough disk space/,
    )
    expect(existsSync(dest)).toBe(false)
    expect(existsSync(`${dest}.part`)).toBe(false)
  })

  it('fails on an HTTP error without retrying', async () => {
    const dest = join(dir, 'missing.bin')
    await expect(downloadFile({url: `${base}/nope`, dest})).rejects.toThrow(/HTTP 404/)
    expect(seen).toHaveLength(1)
  })

  it('stops when aborted and keeps what it has', async () => {
    const dest = join(dir, 'aborted.bin')
    const controller = new AbortController()
    const run = downloadFile({
      url: `${base}/file`,
      dest,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.received > 0) controller.abort()
      },
    })
    await expect(run).rejects.toThrow(/abort/i)
    expect(existsSync(dest)).toBe(false)
  })
})

describe('huggingFaceUrl', () => {
  it('builds the resolve URL', () => {
    expect(
      huggingFaceUrl('unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF', 'Qwen3-Coder-30B-A3B-Instruct-Q4_K_M.gguf'),
    ).toBe(
      'https://huggingface.co/unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF/resolve/main/Qwen3-Coder-30B-A3B-Instruct-Q4_K_M.gguf',
    )
    expect(huggingFaceUrl('org/repo', 'Q4_K_M/part-00001-of-00002.gguf', 'v1.0')).toBe(
      'https://huggingface.co/org/repo/resolve/v1.0/Q4_K_M/part-00001-of-00002.gguf',
    )
  })
})
