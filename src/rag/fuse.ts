import {basename, extname} from 'node:path'
import {identifierParts} from './terms.js'

// Reciprocal-rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009: score = Σ 1/(k + rank), k = 60) of the lexical
// and vector rankings, plus a boost for exact symbol and file-name matches: a user who types a name wants that
// definition first, whatever the two rankings say.

export const RRF_K = 60
/** Larger than any RRF score difference between neighbours, smaller than a first place in both lists. */
export const SYMBOL_BOOST = 0.02
export const PATH_BOOST = 0.01

export interface Candidate {
  path: string
  symbol: string
}

/** Fused scores by candidate key, from ranked lists of keys (best first). */
export function reciprocalRankFusion(lists: string[][], k = RRF_K): Map<string, number> {
  const scores = new Map<string, number>()
  for (const list of lists)
    list.forEach((key, rank) => {
      scores.set(key, (scores.get(key) ?? 0) + 1 / (k + rank + 1))
    })
  return scores
}

/** Words of a query that could be names: `loadConfig`, `max_tokens`, `routes.ts`. */
export function queryNames(query: string): string[] {
  return (query.match(/[\p{L}\p{N}_$.-]+/gu) ?? []).map((w) => w.toLowerCase()).filter((w) => w.length > 2)
}

/** The boost of one candidate for a query: its symbol's last part or its file name equals a word of the query. */
export function exactMatchBoost(c: Candidate, names: string[]): number {
  if (!names.length) return 0
  const last = c.symbol.split('.').at(-1)?.toLowerCase() ?? ''
  const file = basename(c.path).toLowerCase()
  const stem = basename(c.path, extname(c.path)).toLowerCase()
  let boost = 0
  if (last && names.includes(last)) boost += SYMBOL_BOOST
  else if (last && identifierParts(last).length > 1 && names.includes(identifierParts(last).join('')))
    boost += SYMBOL_BOOST
  if (names.includes(file) || (stem.length > 3 && names.includes(stem)) || names.includes(c.path.toLowerCase()))
    boost += PATH_BOOST
  return boost
}
