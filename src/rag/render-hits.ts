import type {SearchAnswer} from './code-search.js'

/**
 * Search results as a tool result for a model: one `path:start-end symbol` line per hit, its snippet indented. The
 * answer's notice (how to add embeddings, a failed vector search) is for the user, not the model: it is left out.
 */
export function renderHitsForModel(a: SearchAnswer): string {
  const lines: string[] = []
  if (!a.hits.length) lines.push(`No results for "${a.query}"; try other words or grep.`)
  for (const h of a.hits) {
    lines.push(`${h.location} ${h.symbol ? `${h.kind} ${h.symbol}` : h.kind}`)
    for (const l of h.snippet.split('\n')) lines.push(`  ${l}`)
  }
  return lines.join('\n')
}
