import {identifierParts} from '../../rag/terms.js'

// The baseline a user already has: plain file-level BM25 (Robertson & Zaragoza, "The Probabilistic Relevance
// Framework: BM25 and Beyond", 2009; k1 = 1.2, b = 0.75, idf = ln(1 + (N - n + 0.5) / (n + 0.5)) as Lucene uses)
// over each file's path and text, with identifiers split at camelCase and snake_case (whole words kept too). No stop
// words, no stemming, no fields: oac's own ranking has to beat this on the same files.

const K1 = 1.2
const B = 0.75

/** Lower-cased words of a text: every word, plus the parts of compound identifiers. */
export function bm25Tokens(text: string): string[] {
  const out: string[] = []
  for (const word of text.match(/[\p{L}\p{N}_$]+/gu) ?? []) {
    const parts = identifierParts(word)
    if (parts.length > 1) out.push(word.toLowerCase().replace(/[_$]/g, ''))
    out.push(...parts)
  }
  return out
}

export interface Bm25Index {
  rank(query: string, limit?: number): {path: string; score: number}[]
}

/** A file-level BM25 index of `files` (path and text). */
export function bm25Index(files: {path: string; text: string}[]): Bm25Index {
  const docs = files.map((f) => {
    const tf = new Map<string, number>()
    const tokens = bm25Tokens(`${f.path}\n${f.text}`)
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1)
    return {path: f.path, tf, length: tokens.length}
  })
  const df = new Map<string, number>()
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1)
  const avg = docs.reduce((a, d) => a + d.length, 0) / (docs.length || 1)
  const idf = (t: string) => {
    const n = df.get(t) ?? 0
    return Math.log(1 + (docs.length - n + 0.5) / (n + 0.5))
  }
  return {
    rank(query, limit = 10) {
      const terms = [...new Set(bm25Tokens(query))].filter((t) => df.has(t))
      return docs
        .map((d) => {
          let score = 0
          for (const t of terms) {
            const f = d.tf.get(t) ?? 0
            if (f) score += (idf(t) * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / avg))
          }
          return {path: d.path, score}
        })
        .filter((d) => d.score > 0)
        .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path))
        .slice(0, limit)
    },
  }
}
