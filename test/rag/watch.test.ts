import {renameSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {IndexReport} from '../../src/rag/build-index.js'
import {buildIndex} from '../../src/rag/build-index.js'
import {CodeSearch} from '../../src/rag/code-search.js'
import {watchIndex} from '../../src/rag/watch-index.js'
import {tempRepo} from '../agent/temp-repo.js'

describe('oac index --watch', () => {
  it('picks up an edit saved the way editors do (a temp file renamed over the original)', async () => {
    const root = await tempRepo({'src/a.ts': 'export function oldName() {}\n', 'src/b.ts': 'export const b = 1\n'})
    await buildIndex({root})
    const controller = new AbortController()
    const updates: IndexReport[] = []
    let seen: () => void = () => {}
    const updated = new Promise<void>((resolve) => {
      seen = resolve
    })
    const watching = watchIndex({
      root,
      signal: controller.signal,
      debounceMs: 100,
      onUpdate: (r) => {
        updates.push(r)
        if (r.indexed > 0) seen()
      },
      onError: (e) => {
        throw e
      },
    })
    await new Promise((r) => setTimeout(r, 200))
    writeFileSync(join(root, 'src/a.ts.tmp'), 'export function renamedByEditor() {}\n')
    renameSync(join(root, 'src/a.ts.tmp'), join(root, 'src/a.ts'))
    await updated
    controller.abort()
    await watching
    expect(updates.at(-1)).toMatchObject({indexed: 1, files: 2})
    const search = await CodeSearch.open(root)
    const answer = await search.search('renamedByEditor', {mode: 'lexical'})
    search.close()
    expect(answer.files[0]?.chunks[0]).toMatchObject({symbol: 'renamedByEditor', location: 'src/a.ts:1-1'})
  }, 30_000)
})
