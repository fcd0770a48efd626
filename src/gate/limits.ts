import {GateError, type LimitKey, type Limits} from './types.js'

/**
 * Default tolerances: throughput may drop 5%, p99 TTFT and mean TPOT may rise 10%, tool-calling accuracy may drop
 * 2 points, the SWE resolved rate 3 points, retrieval recall@5 and MRR@10 3 points; the share of failed requests may not rise at all (a run where requests
 * fail never passes silently).
 */
export const defaultLimits: Limits = {
  output_throughput: 5,
  p99_ttft_ms: 10,
  mean_tpot_ms: 10,
  tokens_per_s: 5,
  accuracy: 2,
  resolved_rate: 3,
  failure_rate: 0,
  recall_at_5: 3,
  mrr_at_10: 3,
}

/** Parses `--max-drop metric=N` values (each may be a comma list) over the defaults. */
export function parseMaxDrops(values: readonly string[] = []): Limits {
  const limits = {...defaultLimits}
  for (const item of values.flatMap((v) => v.split(','))) {
    const text = item.trim()
    if (!text) continue
    const match = /^([a-z0-9_]+)=(.+)$/.exec(text)
    if (!match) throw new GateError(`--max-drop takes metric=NUMBER, got \`${text}\``)
    const [, key = '', raw = ''] = match
    if (!(key in defaultLimits))
      throw new GateError(`--max-drop: unknown metric \`${key}\`; known: ${Object.keys(defaultLimits).join(', ')}`)
    const value = Number(raw.replace(/%$/, ''))
    if (!Number.isFinite(value) || value < 0)
      throw new GateError(`--max-drop ${key}: expected a number ≥ 0, got \`${raw}\``)
    limits[key as LimitKey] = value
  }
  return limits
}
