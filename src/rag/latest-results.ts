import {existsSync} from 'node:fs'
import {defaultDbPath, Store} from '../store/store.js'
import type {Run, RunKind} from '../store/types.js'

// The newest complete bench and eval run per model and kind, read from oac's results database: what an agent in
// another client can ask oac about models ("which local model calls tools best?") without running anything.

export interface LatestResult {
  kind: RunKind
  model: string
  runId: number
  finishedAt?: string
  engine?: string
  profile?: string
  quantization?: string
  summary?: unknown
}

/** Newest complete run per (kind, model), newest first; empty when there is no results database yet. */
export function latestResults(o: {model?: string; kind?: RunKind; dbFile?: string} = {}): LatestResult[] {
  const file = o.dbFile ?? defaultDbPath()
  if (!existsSync(file)) return []
  const store = Store.open(file)
  try {
    const runs = store.listRuns({
      status: 'complete',
      ...(o.model ? {model: o.model} : {}),
      ...(o.kind ? {kind: o.kind} : {}),
    })
    const seen = new Set<string>()
    const out: LatestResult[] = []
    for (const r of runs) {
      const key = `${r.kind}\u0000${r.model}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push(toResult(r))
    }
    return out
  } finally {
    store.close()
  }
}

function toResult(r: Run): LatestResult {
  return {
    kind: r.kind,
    model: r.model,
    runId: r.id,
    ...(r.finishedAt ? {finishedAt: r.finishedAt} : {}),
    ...(r.engine ? {engine: r.engine} : {}),
    ...(r.profile ? {profile: r.profile} : {}),
    ...(r.quantization ? {quantization: r.quantization} : {}),
    ...(r.summary !== undefined ? {summary: r.summary} : {}),
  }
}
