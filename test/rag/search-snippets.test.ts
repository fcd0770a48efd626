import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startSim} from '../../src/engines/sim.js'
import {buildIndex} from '../../src/rag/build-index.js'
import {CodeSearch, type SearchMode} from '../../src/rag/code-search.js'
import {createEmbedder} from '../../src/rag/embedder.js'
import {tempRepo} from '../agent/temp-repo.js'

// Ranking reads no chunk text; the text of the chunks an answer shows is read afterwards. Each chunk shown, found
// by full text, by name, by vector or by file-level evidence alone, carries the lines of its own chunk.

const FILES = {
  'src/durations.ts':
    'export function parseDurationText(text: string): number {\n  return Number.parseInt(text, 10) * 60\n}\n\nexport function formatDuration(seconds: number): string {\n  return String(seconds / 60)\n}\n',
  'src/colors.ts': 'export function mixColors(a: string, b: string): string {\n  return a + b\n}\n',
  'src/cache.ts': 'export class LruCache {\n  get(key: string) {\n    return key\n  }\n}\n',
  // The same text in two files: one hash, two chunks.
  'src/copy-a.ts': 'export function sharedHelper() {\n  return 42\n}\n',
  'src/copy-b.ts': 'export function sharedHelper() {\n  return 42\n}\n',
}

let sim: Awaited<ReturnType<typeof startSim>>
let search: CodeSearch
beforeAll(async () => {
  sim = await startSim({port: 0, ttftMs: 0, itlMs: 0})
  const root = await tempRepo(FILES)
  await buildIndex({root, embedder: createEmbedder(sim.baseUrl, 'sim-model')})
  search = await CodeSearch.open(root)
})
afterAll(async () => {
  search.close()
  await sim.close()
})

/** Every chunk shown, with the text of the file's lines it names. */
async function shown(query: string, mode: SearchMode) {
  const answer = await search.search(query, {k: 5, mode})
  return answer.files.flatMap((f) =>
    f.chunks.map((c) => {
      const lines = (FILES[f.path as keyof typeof FILES] ?? '').split('\n')
      return {location: c.location, snippet: c.snippet, lines: lines.slice(c.startLine - 1, c.endLine).join('\n')}
    }),
  )
}

describe('search snippets', () => {
  it.each<[string, SearchMode]>([
    ['parse duration text', 'lexical'],
    ['parseDurationText', 'lexical'],
    ['turn a textual time span into seconds', 'vector'],
    ['mix two colors together', 'hybrid'],
    ['sharedHelper', 'hybrid'],
  ])('%s (%s): each chunk shows lines of its own text', async (query, mode) => {
    const chunks = await shown(query, mode)
    expect(chunks.length).toBeGreaterThan(0)
    for (const c of chunks) {
      expect(c.snippet, c.location).not.toBe('')
      expect(c.lines, c.location).toContain(c.snippet)
    }
  })

  it('shows the snippet of the line that holds a word of the question', async () => {
    const answer = await search.search('formatDuration', {k: 1, mode: 'lexical'})
    expect(answer.files[0]?.chunks[0]?.snippet).toMatch(/^export function formatDuration/)
  })
})
