import type {FileKind} from './file-kind.js'
import {identifierParts} from './terms.js'

// What a question says to the index: the words full-text search should match (English function words dropped,
// identifiers split as the index splits them), the words that may be names of symbols or files, and the kinds of
// file it asks for. A plain English word is never a name: matching every word against symbol names made `get`,
// `for` and `values` outrank the answer (issue 25).

/** English function words and question words (Lucene's English stop set plus how/what/where/...); never names. */
export const STOP_WORDS = new Set(
  (
    'a an and are as at be but by for if in into is it no not of on or such that the their then there these they ' +
    'this to was will with how what where when which who why whom does do did done can could should would i we you ' +
    'my our your its from than so been being were has have had'
  ).split(' '),
)

export interface QueryTerms {
  /** Lower-cased words for full-text search: each word and the parts of compound identifiers, no stop words. */
  words: string[]
  /** Identifier-shaped words, lower-cased: looked up as symbol names and file names. */
  names: string[]
  /** Capitalised words (not the first): names only where a symbol is spelt exactly so (`Document`, `Parser`). */
  exactCase: string[]
  /** File kinds the question names: "test", "docs", "type declarations". */
  asks: Set<FileKind>
}

/** camelCase, PascalCase with two capitals, snake_case, $ or # in it, a.b, call(), letters with digits. */
const IDENTIFIER =
  /[a-z][A-Z]|[A-Z]{2,}[a-z]|[A-Za-z0-9]_[A-Za-z0-9]|\$|^#|[A-Za-z]\.[A-Za-z]|\(\)$|[A-Za-z]\d|\d[A-Za-z]/

/** A name without its decoration: `#shouldProxy` → shouldProxy, `[kRetry]` → kRetry, `load()` → load. */
export function bareName(name: string): string {
  return name
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/^['"`](.*)['"`]$/, '$1')
    .replace(/\(\)$/, '')
    .replace(/^#/, '')
}

/** Words that ask for a kind of file. "tests" alone does not ("pp512 and tg128 tests" asks for the code). */
const ASKS: [RegExp, FileKind][] = [
  [
    /\b(tests?|specs?) (for|of|that|which|covering)\b|\b(unit|integration|e2e|end-to-end) tests?\b|\btest (files?|suites?|cases?)\b/i,
    'test',
  ],
  [/\b(docs|documentation|readme)\b/i, 'docs'],
  [/\b(typings|type declarations?|d\.ts)\b/i, 'types'],
]

export function queryTerms(query: string): QueryTerms {
  const raw = query.match(/[#\p{L}\p{N}_$]+(?:[.-][\p{L}\p{N}_$]+)*(?:\(\))?/gu) ?? []
  const words = new Set<string>()
  const names = new Set<string>()
  const exactCase = new Set<string>()
  const asks = new Set<FileKind>()
  for (const [re, kind] of ASKS) if (re.test(query)) asks.add(kind)
  raw.forEach((token, i) => {
    if (IDENTIFIER.test(token) || raw.length === 1) names.add(bareName(token).toLowerCase())
    else if (i > 0 && /^\p{Lu}\p{Ll}+$/u.test(token)) exactCase.add(token)
    for (const word of token.match(/[\p{L}\p{N}_$]+/gu) ?? []) {
      const parts = identifierParts(word)
      if (parts.length > 1) words.add(word.toLowerCase().replace(/[_$]/g, ''))
      for (const p of parts) words.add(p)
    }
  })
  const content = [...words].filter((w) => !STOP_WORDS.has(w))
  return {
    words: content.length ? content : [...words],
    names: [...names].filter(Boolean),
    exactCase: [...exactCase],
    asks,
  }
}
