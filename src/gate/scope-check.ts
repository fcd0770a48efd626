import {storedBenchSummary} from '../bench/summary.js'
import {readScope, scopeDifferences} from '../store/run-scope.js'
import {pointKey} from './compare.js'
import type {GateKind} from './types.js'

// What two runs measured, from the scopes their summaries store (src/store/run-scope.ts): another dataset or part
// of it, other repeats or retries, tokens counted another way. Runs stored before scopes existed are compared on
// what they do record: a bench point's `output_tokens_source`.

type Entry = {scope: unknown; tokens: unknown}

function entries(kind: GateKind, summary: unknown): Map<string, Entry> {
  const out = new Map<string, Entry>()
  if (kind !== 'bench') {
    const s = summary as {scope?: unknown} | undefined
    out.set('', {scope: s?.scope, tokens: undefined})
    return out
  }
  for (const raw of storedBenchSummary.safeParse(summary).data?.runs ?? []) {
    if (typeof raw !== 'object' || raw === null) continue
    const point = raw as Record<string, unknown>
    const key = pointKey(point)
    if (key !== undefined) out.set(key, {scope: point.scope, tokens: point.output_tokens_source})
  }
  return out
}

/** `at concurrency=1 rate=inf: tokens usage → estimated`, one per difference, for the points (or run) both have. */
export function measuredDifferently(kind: GateKind, baseline: unknown, current: unknown): string[] {
  const cur = entries(kind, current)
  const out: string[] = []
  for (const [key, b] of entries(kind, baseline)) {
    const c = cur.get(key)
    if (!c) continue
    const where = key ? ` at ${key}` : ''
    const [bs, cs] = [readScope(b.scope), readScope(c.scope)]
    if (bs && cs) out.push(...scopeDifferences(bs, cs).map((d) => `${d}${where}`))
    else if (typeof b.tokens === 'string' && typeof c.tokens === 'string' && b.tokens !== c.tokens)
      out.push(`tokens ${b.tokens} → ${c.tokens}${where}`)
  }
  return out
}
