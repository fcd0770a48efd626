import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import {execa} from 'execa'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {CorruptDatabaseError, NewerSchemaError} from '../../src/store/errors.js'
import {migrations} from '../../src/store/migrations.js'
import {defaultDbPath, Store} from '../../src/store/store.js'
import {overwriteLastPages} from '../support/corrupt-store.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oac-store-'))
})
afterEach(() => rmSync(dir, {recursive: true, force: true}))

describe('Store', () => {
  it('lives at $OAC_HOME/oac.db', () => {
    expect(defaultDbPath({OAC_HOME: '/srv/oac'})).toBe('/srv/oac/oac.db')
  })

  it('creates the file in WAL mode at the latest schema version', () => {
    const file = join(dir, 'nested', 'oac.db')
    Store.open(file).close()
    const db = new Database(file, {readonly: true})
    expect(db.pragma('journal_mode', {simple: true})).toBe('wal')
    expect(db.pragma('user_version', {simple: true})).toBe(migrations.length)
    db.close()
  })

  it('round-trips endpoints and updates one registered twice', () => {
    const store = Store.open(join(dir, 'oac.db'))
    const id = store.upsertEndpoint({
      name: 'main',
      url: 'http://127.0.0.1:8000/v1',
      engine: 'vllm',
      model: 'qwen3-coder',
    })
    const again = store.upsertEndpoint({
      url: 'http://127.0.0.1:8000/v1',
      engine: 'vllm',
      model: 'qwen3-coder',
      contextLength: 65536,
    })
    expect(again).toBe(id)
    expect(store.listEndpoints()).toHaveLength(1)
    expect(store.getEndpoint('main')).toMatchObject({id, name: 'main', contextLength: 65536, engine: 'vllm'})
    expect(store.getEndpoint(id)?.url).toBe('http://127.0.0.1:8000/v1')
    expect(store.getEndpoint('nope')).toBeUndefined()
    store.close()
  })

  it('moves a named endpoint to its new URL when it is registered again (quickstart gets a new port each run)', () => {
    const store = Store.open(join(dir, 'oac.db'))
    const first = store.upsertEndpoint({name: 'quickstart', url: 'http://127.0.0.1:40001/v1', model: 'oac-tiny'})
    const runId = store.startRun({kind: 'bench', model: 'oac-tiny', params: {}, endpointId: first})
    const second = store.upsertEndpoint({name: 'quickstart', url: 'http://127.0.0.1:40002/v1', model: 'oac-tiny'})
    expect(second).toBe(first)
    expect(store.getEndpoint('quickstart')?.url).toBe('http://127.0.0.1:40002/v1')
    expect(store.getRun(runId)?.endpointId).toBe(first)
    // The new URL was already registered without a name: that row takes the name, the old one gives it up.
    const other = store.upsertEndpoint({url: 'http://127.0.0.1:40003/v1', model: 'oac-tiny'})
    const third = store.upsertEndpoint({name: 'quickstart', url: 'http://127.0.0.1:40003/v1', model: 'oac-tiny'})
    expect(third).toBe(other)
    expect(store.getEndpoint('quickstart')?.id).toBe(other)
    expect(store.listEndpoints().filter((e) => e.name === 'quickstart')).toHaveLength(1)
    store.close()
  })

  it('records a run with version, params, samples and summary', () => {
    const store = Store.open(join(dir, 'oac.db'))
    const runId = store.startRun({kind: 'bench', model: 'm', params: {concurrency: [1, 4]}, hardwareFingerprint: 'abc'})
    expect(store.getRun(runId)).toMatchObject({status: 'running', model: 'm', params: {concurrency: [1, 4]}})
    expect(store.getRun(runId)?.oacVersion).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
    store.addSamples(runId, [
      {idx: 0, ok: true, data: {ttft: 150}},
      {idx: 1, ok: false, error: 'HTTP 500', data: {}},
    ])
    store.finishRun(runId, 'complete', {completed: 1, failed: 1})
    const run = store.getRun(runId)!
    expect(run.status).toBe('complete')
    expect(run.finishedAt).toBeDefined()
    expect(run.summary).toEqual({completed: 1, failed: 1})
    expect(store.samples(runId)).toEqual([
      {runId, idx: 0, ok: true, error: undefined, data: {ttft: 150}},
      {runId, idx: 1, ok: false, error: 'HTTP 500', data: {}},
    ])
    expect(store.listRuns({kind: 'bench'}).map((r) => r.id)).toEqual([runId])
    expect(store.listRuns({kind: 'eval-swe'})).toEqual([])
    store.close()
  })

  it('keeps what a killed process wrote and marks its run incomplete', async () => {
    const file = join(dir, 'oac.db')
    const script = join(dir, 'writer.ts')
    const storeModule = new URL('../../src/store/store.ts', import.meta.url).pathname
    writeFileSync(
      script,
      `import {Store} from '${storeModule}'
       const store = Store.open(${JSON.stringify(file)})
       const id = store.startRun({kind: 'bench', model: 'm', params: {}})
       for (let i = 0; i < 3; i++) store.addSample(id, {idx: i, ok: true, data: {i}})
       console.log(id)
       setInterval(() => {}, 1000)`,
    )
    const child = execa(process.execPath, ['--import', 'tsx', script])
    const id = await new Promise<number>((resolve) => child.stdout!.once('data', (d) => resolve(Number(String(d)))))
    child.kill('SIGKILL')
    await child.catch(() => undefined)

    const store = Store.open(file)
    expect(store.getRun(id)?.status).toBe('incomplete')
    expect(store.samples(id).map((s) => s.data)).toEqual([{i: 0}, {i: 1}, {i: 2}])
    store.close()
  })

  it('is created by several commands starting at the same instant, each waiting for the others', async () => {
    const file = join(dir, 'oac.db')
    const script = join(dir, 'opener.ts')
    const storeModule = new URL('../../src/store/store.ts', import.meta.url).pathname
    // Each process loads first, then spins until the shared instant, so the opens collide on the new file.
    writeFileSync(
      script,
      `import {Store} from '${storeModule}'
       const at = Number(process.argv[2])
       while (Date.now() < at) {}
       const store = Store.open(${JSON.stringify(file)})
       store.startRun({kind: 'bench', model: 'm', params: {}})
       store.close()`,
    )
    const at = Date.now() + 4000
    const opened = await Promise.all(
      Array.from({length: 4}, () => execa(process.execPath, ['--import', 'tsx', script, String(at)], {reject: false})),
    )
    for (const r of opened) expect(r.stderr).toBe('')
    const store = Store.open(file)
    expect(store.listRuns()).toHaveLength(4)
    store.close()
  })

  it('does not touch a run that its live process is still writing', () => {
    const file = join(dir, 'oac.db')
    const writer = Store.open(file)
    const id = writer.startRun({kind: 'bench', model: 'm', params: {}})
    const reader = Store.open(file)
    expect(reader.getRun(id)?.status).toBe('running')
    reader.close()
    writer.close()
  })

  it('names the file of a corrupt database and leaves it as it was', () => {
    const file = join(dir, 'oac.db')
    const garbage = 'this is not sqlite '.repeat(400)
    writeFileSync(file, garbage)
    expect(() => Store.open(file)).toThrow(CorruptDatabaseError)
    expect(() => Store.open(file)).toThrow(file)
    expect(readFileSync(file, 'utf8')).toBe(garbage)
  })

  it('finds a partly overwritten database on open, names the file and how to recover, and leaves it as it was', () => {
    const file = join(dir, 'oac.db')
    const store = Store.open(file)
    const id = store.startRun({kind: 'bench', model: 'm', params: {}})
    for (let i = 0; i < 400; i++) store.addSample(id, {idx: i, ok: true, data: {ttft: i, text: 'x'.repeat(100)}})
    store.finishRun(id, 'complete', {runs: []})
    store.close()
    overwriteLastPages(file, 3)
    const before = readFileSync(file)
    expect(() => Store.open(file)).toThrow(CorruptDatabaseError)
    expect(() => Store.open(file)).toThrow(new RegExp(`${file} is damaged.*move it aside.*sqlite3 ${file} \\.recover`))
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('refuses a database from a newer oac without changing it', () => {
    const file = join(dir, 'oac.db')
    const db = new Database(file)
    db.pragma(`user_version = ${migrations.length + 3}`)
    db.close()
    const before = readFileSync(file)
    expect(() => Store.open(file)).toThrow(NewerSchemaError)
    expect(() => Store.open(file)).toThrow(/schema version \d+, written by a newer oac/)
    expect(readFileSync(file).equals(before)).toBe(true)
  })
})
