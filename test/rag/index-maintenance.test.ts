import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {type ChunkRow, FRAGMENT_LIMIT, IndexStore} from '../../src/rag/index-store.js'
import {chunkTerms} from '../../src/rag/terms.js'

// What `oac index` leaves behind for queries: scalar indices on the columns a query looks rows up by, and tables
// compacted once writes (one fragment each) pile up, against a real LanceDB folder.

const row = (i: number): ChunkRow => {
  const chunk = {path: `src/m${i}.ts`, symbol: `fn${i}`, kind: 'function', signature: `function fn${i}()`}
  const text = `function fn${i}() {\n  return ${i}\n}`
  return {
    ...chunk,
    name: `fn${i}`,
    start: 1,
    end: 3,
    hash: `h${i}`,
    text,
    terms: chunkTerms({...chunk, startLine: 1, endLine: 3, text}),
  }
}
const fragments = async (store: IndexStore) => ({
  chunks: (await store.chunks.stats()).fragmentStats.numFragments,
  vectors: (await store.vectors?.stats())?.fragmentStats.numFragments,
})

/** An index written as a build writes it: one add per batch, so one fragment per batch. */
async function written(batches: number): Promise<IndexStore> {
  const store = await IndexStore.open(mkdtempSync(join(tmpdir(), 'oac-maint-')), {create: true})
  for (let i = 0; i < batches; i++) {
    await store.addChunks([row(i)])
    await store.addFiles([{path: `src/m${i}.ts`, terms: `m${i} fn${i}`}])
    await store.addVectors([{hash: `h${i}`, vector: [1, i, 0]}])
  }
  return store
}

describe('index maintenance', () => {
  it('indexes the columns queries look chunks up by, and compacts a table of many fragments', async () => {
    const store = await written(FRAGMENT_LIMIT + 4)
    expect(await fragments(store)).toEqual({chunks: FRAGMENT_LIMIT + 4, vectors: FRAGMENT_LIMIT + 4})
    await store.maintain(true)
    const names = (await store.chunks.listIndices()).map((i) => i.name)
    expect(names).toEqual(expect.arrayContaining(['name_idx', 'hash_idx', 'path_idx', 'terms_idx']))
    expect(await fragments(store)).toEqual({chunks: 1, vectors: 1})
    expect((await store.files?.stats())?.fragmentStats.numFragments).toBe(1)
    // Nothing lost, and the lookups answer through the indices.
    expect(await store.chunks.countRows()).toBe(FRAGMENT_LIMIT + 4)
    const byHash = await store.chunks.query().where("hash IN ('h3', 'h7')").select(['path']).toArray()
    expect(byHash.map((r) => r.path).sort()).toEqual(['src/m3.ts', 'src/m7.ts'])
    const plan = await store.chunks.query().where("path IN ('src/m3.ts')").select(['hash']).explainPlan()
    expect(plan).toContain('path_idx')
    store.close()
  })

  it('compacts an index built before this rule on its next run, even when nothing changed', async () => {
    const store = await written(FRAGMENT_LIMIT + 1)
    await store.maintain(false)
    expect(await fragments(store)).toEqual({chunks: 1, vectors: 1})
    store.close()
  })

  it('leaves a table of few fragments as it is: a small edit does not rewrite the index', async () => {
    const store = await written(3)
    await store.maintain(true)
    await store.addChunks([row(99)])
    await store.maintain(true)
    expect((await fragments(store)).chunks).toBeGreaterThan(1)
    expect((await fragments(store)).chunks).toBeLessThanOrEqual(FRAGMENT_LIMIT)
    store.close()
  })
})
