import type {AttemptResult} from './result.js'

// SWE-bench predictions JSONL (instance_id, model_name_or_path, model_patch), so the official harness can score
// the same patches. One line per instance: its first attempt.

export function toPredictions(results: AttemptResult[], model: string, agent: string): string {
  const first = new Map<string, AttemptResult>()
  for (const r of [...results].sort((a, b) => a.attempt - b.attempt))
    if (!first.has(r.instance_id)) first.set(r.instance_id, r)
  const name = agent === 'builtin' ? `oac-agent/${model}` : `${model}`
  return [...first.values()]
    .sort((a, b) => a.instance_id.localeCompare(b.instance_id))
    .map(
      (r) => `${JSON.stringify({instance_id: r.instance_id, model_name_or_path: name, model_patch: r.model_patch})}\n`,
    )
    .join('')
}
