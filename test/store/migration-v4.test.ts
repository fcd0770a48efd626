import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import {describe, expect, it} from 'vitest'
import {migrations} from '../../src/store/migrations.js'
import {Store} from '../../src/store/store.js'

// Migration 4 rebuilds the runs table so retrieval evals can be runs; an older store keeps every run and sample.

describe('store migration 4', () => {
  it('brings a version-3 store forward with its runs and samples, and takes eval-retrieval runs', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'oac-store-')), 'oac.db')
    const old = new Database(file)
    old.pragma('foreign_keys = ON')
    for (const sql of migrations.slice(0, 3)) old.exec(sql)
    old.pragma('user_version = 3')
    old
      .prepare(
        `INSERT INTO runs (id, kind, status, started_at, model, params, quantization)
         VALUES (7, 'bench', 'complete', '2026-01-01T00:00:00Z', 'm', '{}', 'Q4_K_M')`,
      )
      .run()
    for (let i = 0; i < 3; i++) old.prepare(`INSERT INTO samples VALUES (7, ?, 1, NULL, '{"ms": 1}')`).run(i)
    expect(() =>
      old
        .prepare(
          `INSERT INTO runs (kind, status, started_at, model, params) VALUES ('eval-retrieval', 'complete', 'x', 'm', '{}')`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/)
    old.close()

    const store = Store.open(file)
    expect(store.getRun(7)).toMatchObject({kind: 'bench', status: 'complete', quantization: 'Q4_K_M'})
    expect(store.samples(7)).toHaveLength(3)
    const id = store.startRun({kind: 'eval-retrieval', model: 'lexical', params: {}})
    expect(store.getRun(id)?.kind).toBe('eval-retrieval')
    store.close()
    const db = new Database(file, {readonly: true})
    expect(db.pragma('user_version', {simple: true})).toBe(migrations.length)
    expect(db.pragma('foreign_key_check', {simple: false})).toEqual([])
    expect(db.pragma('foreign_key_list(samples)', {simple: false})).toMatchObject([
      {table: 'runs', on_delete: 'CASCADE'},
    ])
    db.close()
  })
})
