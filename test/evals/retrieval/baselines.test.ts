import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {bm25Index, bm25Tokens} from '../../../src/evals/retrieval/bm25.js'
import {grepKeywords, keywordGrep} from '../../../src/evals/retrieval/keyword-grep.js'
import {aggregate, scoreRanking} from '../../../src/evals/retrieval/metrics.js'
import {loadQuestions} from '../../../src/evals/retrieval/questions.js'

describe('file-level retrieval metrics', () => {
  it('recall@k over the gold files, reciprocal rank of the first within 10, duplicates counted once', () => {
    expect(scoreRanking(['x', 'a', 'x', 'y', 'z', 'w', 'b'], ['a', 'b'])).toEqual({
      recallAt5: 0.5,
      recallAt10: 1,
      rr: 0.5,
      firstRank: 2,
    })
    const far = Array.from({length: 12}, (_, i) => `f${i}`)
    expect(scoreRanking(far, ['f11'])).toEqual({recallAt5: 0, recallAt10: 0, rr: 0, firstRank: 12})
    expect(aggregate([scoreRanking(['a'], ['a']), scoreRanking([], ['a'])])).toEqual({
      questions: 2,
      recallAt5: 0.5,
      recallAt10: 0.5,
      mrrAt10: 0.5,
    })
  })
})

describe('baselines', () => {
  const files = [
    {path: 'src/load-config.ts', text: 'export function loadConfigFile(path) { return readFile(path) }'},
    {path: 'src/server.ts', text: 'import {loadConfigFile} from "./load-config"\nstart the server with the config'},
    {path: 'README.md', text: 'the the the the config config'},
  ]

  it('BM25 splits identifiers, keeps the whole word, and ranks the file with more of the words first', () => {
    expect(bm25Tokens('loadConfigFile max_tokens')).toEqual([
      'loadconfigfile',
      'load',
      'config',
      'file',
      'maxtokens',
      'max',
      'tokens',
    ])
    const ranked = bm25Index(files).rank('readFile')
    expect(ranked.map((r) => r.path)).toEqual(['src/load-config.ts', 'src/server.ts'])
    expect(bm25Index(files).rank('nothing here')).toEqual([])
  })

  it('keyword grep ranks by distinct keywords, then total matches, without common words', () => {
    expect(grepKeywords('where is the config file loaded')).toEqual(['config', 'file', 'loaded'])
    expect(keywordGrep(files, 'config server').map((r) => [r.path, r.score])).toEqual([
      ['src/server.ts', 2],
      ['README.md', 1],
      ['src/load-config.ts', 1],
    ])
  })
})

describe('questions file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oac-questions-'))
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text)
    return join(dir, name)
  }

  it('reads [{q, gold}] and names the file and the entry of any problem', async () => {
    expect(await loadQuestions(file('ok.json', '[{"q": "where", "gold": ["a.ts"]}]'))).toEqual([
      {q: 'where', gold: ['a.ts']},
    ])
    await expect(loadQuestions(join(dir, 'missing.json'))).rejects.toThrow(/Cannot read the questions file .*ENOENT/)
    await expect(loadQuestions(file('bad.json', '{'))).rejects.toThrow(/bad\.json is not JSON/)
    await expect(loadQuestions(file('shape.json', '[{"q": "x", "gold": []}]'))).rejects.toThrow(
      /shape\.json: \[0\]\.gold: .*expected a JSON array of \{"q"/,
    )
    await expect(loadQuestions(file('empty.json', '[]'))).rejects.toMatchObject({exit: 2})
  })
})
