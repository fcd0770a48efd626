import {stripControls} from '../util/terminal-text.js'
import type {SearchAnswer} from './code-search.js'

/**
 * Search results as a person reads them: each file (kind marked unless code) and score, its chunks under it. Indexed
 * files are a repository's, so escape sequences in them are removed before they reach the terminal.
 */
export function renderSearchAnswer(a: SearchAnswer): string {
  const lines: string[] = []
  if (a.notice) lines.push(`(${a.notice})`)
  if (!a.files.length) lines.push(`No results for "${a.query}".`)
  for (const f of a.files) {
    lines.push(`${f.path}${f.kind === 'code' ? '' : `  [${f.kind}]`}  ${f.score.toFixed(4)}`)
    for (const c of f.chunks) {
      lines.push(`  ${c.startLine}-${c.endLine}  ${c.symbol ? `${c.kind} ${c.symbol}` : c.kind}`)
      for (const l of c.snippet.split('\n')) lines.push(`      ${l}`)
    }
  }
  lines.push(`${a.files.length} files, ${a.ran} search, ${a.ms} ms`)
  return stripControls(lines.join('\n'))
}
