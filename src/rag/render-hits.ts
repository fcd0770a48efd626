import type {SearchAnswer} from './code-search.js'

/**
 * Search results as a tool result for a model: files best first, each chunk a `path:start-end symbol` line (what
 * the read tool takes) with its snippet indented; a file that is not source says what it is (docs, test, types).
 * The answer's notice (how to add embeddings, a failed vector search) is for the user, not the model: it is left out.
 */
export function renderHitsForModel(a: SearchAnswer): string {
  const lines: string[] = []
  if (!a.files.length) lines.push(`No results for "${a.query}"; try other words or grep.`)
  for (const f of a.files) {
    const mark = f.kind === 'code' ? '' : ` (${f.kind})`
    if (!f.chunks.length) lines.push(`${f.path}${mark}`)
    f.chunks.forEach((c, i) => {
      lines.push(`${c.location} ${c.symbol ? `${c.kind} ${c.symbol}` : c.kind}${i === 0 ? mark : ''}`)
      for (const l of c.snippet.split('\n')) lines.push(`  ${l}`)
    })
  }
  return lines.join('\n')
}
