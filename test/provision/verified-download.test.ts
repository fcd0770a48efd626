import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ollama} from '../../src/engines/ollama.js'
import type {InstallPlan} from '../../src/engines/types.js'
import {loadHardware} from '../../src/hardware/load-captures.js'
import {createRunner} from '../../src/provision/runner.js'
import {installStep} from '../../src/provision/steps/engine.js'
import {checksumFor, verifiedDownload} from '../../src/provision/verified-download.js'

// The Ollama install replaces `curl | sh` by a release archive checked against the release's sha256sum.txt. Here a
// server on 127.0.0.1 plays the GitHub release: a tiny archive and a checksum file in Ollama's format
// (`<sha256>  ./<file>`), once honest and once tampered with. Nothing is installed; everything lands in a temp dir.

const hardware = (box: string) => loadHardware(join(import.meta.dirname, '../../fixtures/hardware', box))
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex')
const archive = Buffer.from('a tiny stand-in for ollama-linux-amd64.tar.zst\n')
const tampered = Buffer.from('a tiny stand-in for ollama-linux-amd64.tar.zst, with something added\n')
const listing = (hash: string) =>
  `${sha('other')}  ./ollama-linux-arm64.tar.zst\n${hash}  ./ollama-linux-amd64.tar.zst\n${sha('x')}  ./install.sh\n`

let server: Server
let base = ''
const requests: string[] = []
const dir = mkdtempSync(join(tmpdir(), 'oac-verified-'))

beforeAll(async () => {
  // /good/: the archive matches its listing; /bad/: the archive was swapped, the listing was not; /missing/: the
  // listing has no line for the archive.
  server = createServer((req, res) => {
    requests.push(req.url ?? '')
    const [, release, file] = (req.url ?? '').split('/')
    if (file === 'sha256sum.txt')
      return res.end(release === 'missing' ? `${sha('x')}  ./install.sh\n` : listing(sha(archive)))
    if (file === 'ollama-linux-amd64.tar.zst') return res.end(release === 'bad' ? tampered : archive)
    res.statusCode = 404
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(dir, {recursive: true, force: true})
})

const release = (name: string, dest: string) => ({
  url: `${base}/${name}/ollama-linux-amd64.tar.zst`,
  checksumsUrl: `${base}/${name}/sha256sum.txt`,
  dest,
})

describe('checksumFor', () => {
  it('reads sha256sum lines with ./ prefixes and binary-mode stars', () => {
    expect(checksumFor(listing('A'.repeat(64)), 'ollama-linux-amd64.tar.zst')).toBe('a'.repeat(64))
    expect(checksumFor(`${'b'.repeat(64)} *dist/x.tgz\r\n`, 'x.tgz')).toBe('b'.repeat(64))
    expect(checksumFor(listing(sha(archive)), 'ollama-linux-amd64')).toBeUndefined()
    expect(checksumFor('not a checksum  ollama-linux-amd64.tar.zst', 'ollama-linux-amd64.tar.zst')).toBeUndefined()
  })
})

describe('verifiedDownload', () => {
  it('keeps an archive whose SHA-256 is the one the release lists', async () => {
    const dest = join(dir, 'good', 'ollama.tar.zst')
    const r = await verifiedDownload(release('good', dest))
    expect(r).toMatchObject({sha256: sha(archive), bytes: archive.length, skipped: false})
    expect(readFileSync(dest)).toEqual(archive)
    // A second call finds it in place and downloads nothing.
    const before = requests.filter((u) => u.endsWith('.tar.zst')).length
    expect((await verifiedDownload(release('good', dest))).skipped).toBe(true)
    expect(requests.filter((u) => u.endsWith('.tar.zst')).length).toBe(before)
  })

  it('stops on a tampered archive, names both hashes and deletes only the download', async () => {
    const folder = join(dir, 'bad')
    mkdirSync(folder, {recursive: true})
    writeFileSync(join(folder, 'notes.txt'), 'mine')
    const dest = join(folder, 'ollama.tar.zst')
    const error = await verifiedDownload(release('bad', dest)).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toContain(sha(archive))
    expect((error as Error).message).toContain(sha(tampered))
    expect(existsSync(dest)).toBe(false)
    expect(readdirSync(folder)).toEqual(['notes.txt'])
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe('mine')
  })

  it('downloads nothing when the checksum file does not list the archive', async () => {
    const dest = join(dir, 'missing', 'ollama.tar.zst')
    const before = requests.length
    await expect(verifiedDownload(release('missing', dest))).rejects.toThrow(/lists no checksum for ollama-linux-amd64/)
    expect(requests.slice(before)).toEqual(['/missing/sha256sum.txt'])
    expect(existsSync(join(dir, 'missing'))).toBe(false)
  })

  it('stops when the checksum file itself is not there', async () => {
    const dest = join(dir, 'gone', 'ollama.tar.zst')
    await expect(verifiedDownload({...release('good', dest), checksumsUrl: `${base}/good/SHA256SUMS`})).rejects.toThrow(
      /answered HTTP 404/,
    )
    expect(existsSync(dest)).toBe(false)
  })
})

describe('the install step', () => {
  // The real plan's commands, pointed at the local release and a marker file instead of tar: what matters is
  // whether the commands run at all.
  const step = (name: string) => {
    const root = join(dir, `step-${name}`)
    const plan: InstallPlan = {
      ...ollama.install(hardware('rtx5090'), {ollamaDir: join(root, 'ollama'), downloadsDir: join(root, 'dl')}),
    }
    const download = release(name, plan.downloads?.[0]?.dest ?? '')
    const install: InstallPlan = {...plan, downloads: [download], commands: [`touch ${join(root, 'unpacked')}`]}
    const ctx = {
      engine: {...ollama, versionCommand: () => ['true']},
      install,
      layout: {enginePath: []},
      plan: {engine: 'ollama'},
      runner: createRunner(),
    } as unknown as Parameters<typeof installStep>[0]
    return {root, download, step: installStep(ctx)}
  }

  it('downloads from the pinned release, checks it, unpacks it and then removes the archive', async () => {
    const plan = ollama.install(hardware('rtx5090'), {ollamaDir: '/o', downloadsDir: '/d'})
    expect(plan.downloads).toEqual([
      {
        url: 'https://github.com/ollama/ollama/releases/download/v0.32.15/ollama-linux-amd64.tar.zst',
        checksumsUrl: 'https://github.com/ollama/ollama/releases/download/v0.32.15/sha256sum.txt',
        dest: '/d/v0.32.15-ollama-linux-amd64.tar.zst',
      },
    ])
    expect(plan.commands).toEqual(['mkdir -p /o', 'tar --zstd -xf /d/v0.32.15-ollama-linux-amd64.tar.zst -C /o'])
    const {root, download, step: s} = step('good')
    const log: string[] = []
    await s.run((line) => log.push(line))
    expect(existsSync(join(root, 'unpacked'))).toBe(true)
    expect(existsSync(download.dest)).toBe(false)
    expect(log.join('\n')).toContain(`sha256 ${sha(archive)} (matches ${download.checksumsUrl})`)
  })

  it('stops before downloading when zstd, which unpacks the archive, is missing', async () => {
    const {root, download} = step('nozstd')
    const empty = join(root, 'empty-bin')
    mkdirSync(empty, {recursive: true})
    const plan = ollama.install(hardware('rtx5090'), {ollamaDir: join(root, 'ollama'), downloadsDir: join(root, 'dl')})
    const ctx = {
      engine: {...ollama, versionCommand: () => ['true']},
      install: {...plan, downloads: [download], commands: [`touch ${join(root, 'unpacked')}`]},
      layout: {enginePath: []},
      plan: {engine: 'ollama'},
      // A PATH with nothing on it: no zstd.
      runner: createRunner({env: {...process.env, PATH: empty}}),
    } as unknown as Parameters<typeof installStep>[0]
    await expect(installStep(ctx).run(() => {})).rejects.toThrow(
      /zstd is not installed \(`tar --zstd` unpacks the release archive\).*nothing was downloaded/,
    )
    expect(requests.filter((url) => url.startsWith('/nozstd/'))).toEqual([])
    expect(existsSync(download.dest)).toBe(false)
    expect(existsSync(join(root, 'unpacked'))).toBe(false)
  })

  it('runs no command when the archive does not match', async () => {
    const {root, download, step: s} = step('bad')
    await expect(s.run(() => {})).rejects.toThrow(/checksum mismatch/)
    expect(existsSync(join(root, 'unpacked'))).toBe(false)
    expect(existsSync(download.dest)).toBe(false)
  })
})
