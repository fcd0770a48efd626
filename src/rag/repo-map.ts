import {countTokens} from '../llm/tokenizer.js'
import type {IndexStore} from './index-store.js'

// A compact map of the repository for the agent's system prompt: the symbols other code mentions most, grouped by
// file, within a token budget. It is computed once when a session starts, so the prompt prefix stays byte-stable.

export const REPO_MAP_TOKENS = 500
const DEFINITION_KINDS = new Set([
  'function',
  'method',
  'class',
  'interface',
  'type',
  'struct',
  'enum',
  'trait',
  'impl',
])

interface Definition {
  path: string
  symbol: string
  name: string
}

/** Symbols ranked by how often their name appears in other chunks (ties: by path and name, for stability). */
export function rankSymbols(defs: Definition[], texts: string[]): {def: Definition; refs: number}[] {
  const counts = new Map<string, number>()
  for (const d of defs) if (d.name.length >= 4) counts.set(d.name, 0)
  for (const text of texts)
    for (const word of text.match(/[\p{L}\p{N}_$]+/gu) ?? []) {
      const n = counts.get(word)
      if (n !== undefined) counts.set(word, n + 1)
    }
  const seen = new Set<string>()
  return defs
    .filter((d) => counts.has(d.name) && !seen.has(`${d.path}:${d.symbol}`) && seen.add(`${d.path}:${d.symbol}`))
    .map((def) => ({def, refs: (counts.get(def.name) ?? 0) - 1}))
    .filter((r) => r.refs > 0)
    .sort((a, b) => b.refs - a.refs || a.def.path.localeCompare(b.def.path) || a.def.symbol.localeCompare(b.def.symbol))
}

/** `path: symbolA, symbolB` lines, most referenced files' symbols first, cut at `budget` tokens. */
export function renderRepoMap(ranked: {def: Definition; refs: number}[], budget = REPO_MAP_TOKENS): string {
  const byPath = new Map<string, string[]>()
  const header = '# Repository map (most referenced symbols; search_code finds more)'
  let used = countTokens(header)
  for (const {def} of ranked) {
    const list = byPath.get(def.path)
    const cost = countTokens(list ? `, ${def.symbol}` : `\n${def.path}: ${def.symbol}`)
    if (used + cost > budget) break
    used += cost
    if (list) list.push(def.symbol)
    else byPath.set(def.path, [def.symbol])
  }
  if (!byPath.size) return ''
  return [header, ...[...byPath.entries()].map(([path, symbols]) => `${path}: ${symbols.join(', ')}`)].join('\n')
}

/** The map of an index (reads every chunk once). */
export async function repoMap(store: IndexStore, budget = REPO_MAP_TOKENS): Promise<string> {
  const rows = await store.chunks.query().select(['path', 'symbol', 'kind', 'text']).toArray()
  const defs: Definition[] = rows
    .filter((r) => DEFINITION_KINDS.has(r.kind as string) && r.symbol)
    .map((r) => ({
      path: r.path as string,
      symbol: r.symbol as string,
      name: (r.symbol as string).split('.').at(-1) ?? '',
    }))
  return renderRepoMap(
    rankSymbols(
      defs,
      rows.map((r) => r.text as string),
    ),
    budget,
  )
}
