import type {GateKind} from './types.js'

// What a run measured, as opposed to how it went: two runs are comparable only when they sent the same kind of
// requests. The keys are the run params that bench and the evals store (src/bench/run-bench.ts,
// src/evals/tool-calling/run-eval.ts, src/evals/swe/run-options.ts, src/evals/retrieval/run-retrieval.ts); an absent key means that command's default.
const workloadKeys: Record<GateKind, readonly string[]> = {
  bench: [
    'mode',
    'dataset',
    'inputLen',
    'outputLen',
    'ignoreEos',
    'concurrency',
    'requestRates',
    'numPrompts',
    'durationS',
  ],
  'eval-tool-calling': ['mode', 'categories', 'importSpec', 'limit', 'repeat', 'retryOnError'],
  'eval-swe': ['dataset', 'instanceIds', 'agent', 'repeat', 'maxTurns', 'tokenBudget'],
  // Questions mined from history change with the commit; a questions file stays the same as the tree changes.
  'eval-retrieval': ['root', 'source', 'questionsFile', 'limit', 'commit'],
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '(default)'
  if (Array.isArray(value)) return value.map(show).join(',')
  return String(value)
}

function asRecord(params: unknown): Record<string, unknown> | undefined {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return undefined
  return Object.keys(params).length ? (params as Record<string, unknown>) : undefined
}

/**
 * How the workloads of two runs differ, one `key before → after` per difference. A baseline written by hand without
 * params has no recorded workload: nothing to compare, so no difference is reported.
 */
export function workloadDifferences(kind: GateKind, baseline: unknown, current: unknown): string[] {
  const before = asRecord(baseline)
  const after = asRecord(current)
  if (!before || !after) return []
  return workloadKeys[kind]
    .map((key) => [key, show(before[key]), show(after[key])] as const)
    .filter(([, a, b]) => a !== b)
    .map(([key, a, b]) => `${key} ${a} → ${b}`)
}
