import {stripControls} from '../util/terminal-text.js'
import type {SearchAnswer} from './code-search.js'

/**
 * Search hits as a person reads them: `path:start-end  symbol  score`, then the snippet indented. Indexed files are
 * a repository's, so escape sequences in them are removed before they reach the terminal.
 */
export function renderSearchAnswer(a: SearchAnswer): string {
  const lines: string[] = []
  if (a.notice) lines.push(`(${a.notice})`)
  if (!a.hits.length) lines.push(`No results for "${a.query}".`)
  for (const h of a.hits) {
    lines.push(`${h.location}  ${h.symbol ? `${h.kind} ${h.symbol}` : h.kind}  ${h.score.toFixed(4)}`)
    for (const l of h.snippet.split('\n')) lines.push(`    ${l}`)
  }
  lines.push(`${a.hits.length} results, ${a.ran} search, ${a.ms} ms`)
  return stripControls(lines.join('\n'))
}
