import {describe, expect, it} from 'vitest'
import {fileKind, kindWeights} from '../../src/rag/file-kind.js'
import type {ChunkRow} from '../../src/rag/index-store.js'
import {bareName, queryTerms} from '../../src/rag/query-terms.js'
import {type Evidence, rankFiles} from '../../src/rag/rank-files.js'

// The pure parts of search ranking: what a question says, what kind a file is, how evidence becomes a ranking.

const row = (path: string, symbol = '', start = 1): ChunkRow => ({
  path,
  symbol,
  name: symbol.toLowerCase(),
  kind: 'function',
  signature: '',
  start,
  end: start + 5,
  hash: `${path}:${start}`,
  text: symbol,
  terms: '',
})
const none: Evidence = {files: [], chunks: [], names: [], fileNames: [], vector: []}
const code = kindWeights('code', new Set())

describe('queryTerms', () => {
  it('drops English function words and never takes a plain word for a name', () => {
    const t = queryTerms('where do compressed downloads get unpacked and what is not for values')
    expect(t.words).toEqual(['compressed', 'downloads', 'get', 'unpacked', 'values'])
    expect(t.names).toEqual([])
    expect(t.exactCase).toEqual([])
  })

  it('takes identifier-shaped words as names and splits them for full text', () => {
    const t = queryTerms('why does loadConfigFile call max_tokens, this.#shouldProxy() and [kRetry] on utf8')
    expect(t.names).toEqual(['loadconfigfile', 'max_tokens', 'shouldproxy', 'kretry', 'utf8'])
    expect(t.words).toEqual(expect.arrayContaining(['loadconfigfile', 'load', 'config', 'file', 'max', 'tokens']))
  })

  it('a capitalised word after the first is an exact-case candidate; a single word is a name', () => {
    expect(queryTerms('Where is the Parser created').exactCase).toEqual(['Parser'])
    expect(queryTerms('parser').names).toEqual(['parser'])
    expect(queryTerms('the and of').words).toEqual(['the', 'and', 'of'])
  })

  it('hears when a question asks for tests, docs or type declarations, and not when "tests" is just a word', () => {
    expect([...queryTerms('unit tests for the lexer').asks]).toEqual(['test'])
    expect([...queryTerms('pp512 and tg128 tests over HTTP').asks]).toEqual([])
    expect([...queryTerms('what do the docs say about anchors').asks]).toEqual(['docs'])
  })

  it('bareName strips #, brackets, quotes and a call', () => {
    expect(['#shouldProxy', '[kRetryHandlerDefaultRetry]', "['name']", 'load()'].map(bareName)).toEqual([
      'shouldProxy',
      'kRetryHandlerDefaultRetry',
      'name',
      'load',
    ])
  })
})

describe('fileKind', () => {
  it.each([
    ['src/parse/lexer.ts', 'code'],
    ['tests/doc/parse.ts', 'test'],
    ['spec/suites/geometry/PolyUtilSpec.js', 'test'],
    ['src/diff/children.test.jsx', 'test'],
    ['pkg/server_test.go', 'test'],
    ['hooks/src/index.d.ts', 'types'],
    ['docs/03_options.md', 'docs'],
    ['README.md', 'docs'],
    ['demo/app.jsx', 'example'],
    ['package.json', 'other'],
  ])('%s is %s', (path, kind) => expect(fileKind(path)).toBe(kind))

  it('weights: code first by default, the asked kind kept, everything alike with any', () => {
    expect(code).toMatchObject({code: 1, test: 0.5, docs: 0.5})
    expect(kindWeights('code', new Set(['test'])).test).toBe(1)
    expect(Object.values(kindWeights('any', new Set()))).toEqual([1, 1, 1, 1, 1, 1])
    expect(kindWeights('docs', new Set())).toMatchObject({docs: 1, code: 0.6})
  })
})

describe('rankFiles', () => {
  it('adds half the best chunk to the file score, and lowers docs and tests', () => {
    const e: Evidence = {
      ...none,
      files: [
        {path: 'docs/guide.md', score: 10},
        {path: 'src/a.ts', score: 6},
        {path: 'src/b.ts', score: 6},
      ],
      chunks: [{row: row('src/b.ts', 'b'), score: 2}],
    }
    const ranked = rankFiles(e, 'lexical', code, 10)
    expect(ranked.map((f) => [f.path, f.score])).toEqual([
      ['src/b.ts', 7],
      ['src/a.ts', 6],
      ['docs/guide.md', 5],
    ])
    expect(ranked[2]?.kind).toBe('docs')
    expect(ranked[0]?.chunks.map((c) => c.symbol)).toEqual(['b'])
  })

  it('raises a file that defines a named symbol (and shows that chunk first), less for an exact-case word or a common name', () => {
    const e: Evidence = {
      ...none,
      files: [
        {path: 'src/caller.ts', score: 10},
        {path: 'src/def.ts', score: 6},
        {path: 'src/parser.ts', score: 6},
      ],
      chunks: [{row: row('src/def.ts', 'other', 20), score: 1}],
      names: [
        {row: row('src/def.ts', 'loadConfig', 3), name: 'loadconfig', exactCase: false},
        {row: row('src/parser.ts', 'Parser'), name: 'Parser', exactCase: true},
      ],
    }
    const ranked = rankFiles(e, 'lexical', code, 10)
    expect(ranked.map((f) => [f.path, f.score])).toEqual([
      ['src/def.ts', (6 + 0.5) * 4],
      ['src/parser.ts', 6 * 2],
      ['src/caller.ts', 10],
    ])
    expect(ranked[0]?.chunks.map((c) => c.symbol)).toEqual(['loadConfig', 'other'])
    const common: Evidence = {
      ...e,
      names: ['a', 'b', 'c'].map((f) => ({row: row(`src/${f}.ts`, 'toJSON'), name: 'tojson', exactCase: false})),
    }
    expect(rankFiles(common, 'lexical', code, 10).find((f) => f.path === 'src/caller.ts')?.score).toBe(10)
    expect(rankFiles(common, 'lexical', code, 10).find((f) => f.path === 'src/a.ts')?.score).toBe(0)
  })

  it('a file named by the question counts as a name; vector mode uses only vectors', () => {
    const e: Evidence = {
      ...none,
      files: [
        {path: 'src/other.ts', score: 5},
        {path: 'src/cst-visit.ts', score: 3},
      ],
      fileNames: ['cstvisit'],
      vector: [row('src/other.ts'), row('src/cst-visit.ts')],
    }
    expect(rankFiles(e, 'lexical', code, 10).map((f) => f.path)).toEqual(['src/cst-visit.ts', 'src/other.ts'])
    expect(rankFiles(e, 'vector', code, 10).map((f) => f.path)).toEqual(['src/other.ts', 'src/cst-visit.ts'])
  })

  it('hybrid fuses the lexical and vector rankings of files by reciprocal rank', () => {
    const e: Evidence = {
      ...none,
      files: [
        {path: 'a.ts', score: 9},
        {path: 'b.ts', score: 8},
      ],
      vector: [row('b.ts'), row('c.ts'), row('a.ts')],
    }
    const ranked = rankFiles(e, 'hybrid', code, 10)
    expect(ranked.map((f) => f.path)).toEqual(['b.ts', 'a.ts', 'c.ts'])
    expect(ranked[0]?.score).toBeCloseTo(1 / 61 + 1 / 62)
  })
})
