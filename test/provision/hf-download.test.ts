import {createHash, randomBytes} from 'node:crypto'
import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {ChecksumError, DownloadError} from '../../src/provision/download-errors.js'
import {downloadHfFile} from '../../src/provision/hf-download.js'

// A local server with the Hub's shapes: the tree API (`/api/models/{repo}/tree/{rev}/{folder}`, entries with
// size and lfs.oid = SHA-256) and `/{repo}/resolve/{rev}/{file}` serving the bytes.

const good = randomBytes(200_000)
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
let published: {size: number; sha256: string}
/** What each GET of the file returns, in order; the last one repeats. */
let serves: Buffer[] = []
let log: string[] = []
let server: Server
let endpoint = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? ''
    log.push(url)
    if (url === '/api/models/org/Tiny-GGUF/tree/main/quants') {
      res.writeHead(200, {'content-type': 'application/json'})
      return res.end(
        JSON.stringify([
          {type: 'file', oid: 'b1f0c4a2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8', size: 134, path: 'quants/README.md'},
          {
            type: 'file',
            oid: '9d5e0c1b2a39485766554433221100ffeeddccbb',
            size: 134,
            path: 'quants/tiny-Q4_K_M.gguf',
            lfs: {oid: published.sha256, size: published.size, pointerSize: 134},
          },
        ]),
      )
    }
    if (url === '/org/Tiny-GGUF/resolve/main/quants/tiny-Q4_K_M.gguf') {
      const body = (serves.length > 1 ? serves.shift() : serves[0]) as Buffer
      res.writeHead(200, {'content-length': body.length})
      return res.end(body)
    }
    res.writeHead(404)
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oac-hf-'))
  published = {size: good.length, sha256: sha(good)}
  serves = [good]
  log = []
})

const download = (dest = join(dir, 'tiny.gguf')) =>
  downloadHfFile({endpoint, repo: 'org/Tiny-GGUF', file: 'quants/tiny-Q4_K_M.gguf', dest, retryDelayMs: 1})
const fileGets = () => log.filter((u) => u.includes('/resolve/')).length

describe('downloads verified against the Hugging Face API', () => {
  it('asks the API for size and SHA-256 first, then downloads and verifies against them', async () => {
    const r = await download()
    expect(log[0]).toBe('/api/models/org/Tiny-GGUF/tree/main/quants')
    expect(r).toMatchObject({bytes: good.length, sha256: sha(good), expectedSha256: sha(good), skipped: false})
    expect(readFileSync(r.path).equals(good)).toBe(true)
  })

  it('retries a mismatch once and succeeds when the second copy is right', async () => {
    const corrupt = Buffer.from(good)
    corrupt[1000] = (corrupt[1000] as number) ^ 0xff
    serves = [corrupt, good]
    const r = await download()
    expect(fileGets()).toBe(2)
    expect(r.sha256).toBe(sha(good))
  })

  it('on a lasting mismatch: names both hashes, retried once, deletes only its own copy and keeps the user file', async () => {
    const dest = join(dir, 'tiny.gguf')
    const mine = Buffer.from('my own fine-tune, same name')
    writeFileSync(dest, mine)
    const other = randomBytes(good.length)
    published = {size: good.length, sha256: sha(other)}
    const error = await download(dest).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChecksumError)
    const message = (error as Error).message
    expect(message).toContain(sha(other))
    expect(message).toContain(sha(good))
    expect(message).toContain('2 downloads')
    expect(fileGets()).toBe(2)
    expect(readFileSync(dest).equals(mine)).toBe(true)
    expect(readdirSync(dir)).toEqual(['tiny.gguf'])
  })

  it('moves a different file at the destination aside instead of overwriting it', async () => {
    const dest = join(dir, 'tiny.gguf')
    writeFileSync(dest, 'an older download, truncated')
    const r = await download(dest)
    expect(r.keptAside).toMatch(/tiny\.gguf\.replaced-[0-9a-f]{12}$/)
    expect(readFileSync(r.keptAside as string, 'utf8')).toBe('an older download, truncated')
    expect(readFileSync(dest).equals(good)).toBe(true)
  })

  it('refuses before the first byte when the published size does not fit on the disk', async () => {
    published = {size: 1024 ** 5, sha256: sha(good)}
    await expect(download()).rejects.toThrow(/not enough disk space/)
    expect(fileGets()).toBe(0)
  })

  it('says which file the API does not list', async () => {
    const error = await downloadHfFile({
      endpoint,
      repo: 'org/Tiny-GGUF',
      file: 'quants/missing.gguf',
      dest: join(dir, 'm'),
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DownloadError)
    expect((error as Error).message).toContain('quants/missing.gguf is not in org/Tiny-GGUF')
    expect(existsSync(join(dir, 'm'))).toBe(false)
  })
})
