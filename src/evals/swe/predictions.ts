import {z} from 'zod'
import {DatasetError} from './dataset.js'
import {parseJsonRows, readText} from './json-rows.js'
import type {AttemptResult} from './result.js'

// SWE-bench predictions (instance_id, model_name_or_path, model_patch; swebench/harness/constants KEY_INSTANCE_ID,
// KEY_MODEL, KEY_PREDICTION): written by `--predictions` so the official harness can score oac's patches, and read
// by `--judge` to score another harness's. A null model_patch is SWE-bench's `patch_is_None`: judged empty.

export const prediction = z.object({
  instance_id: z.string().min(1),
  model_name_or_path: z.string().min(1),
  model_patch: z.string().nullable(),
})
export type Prediction = z.infer<typeof prediction>

/** The model_name_or_path of a run's predictions: the built-in agent's are `oac-agent/<model>`. */
export function predictionModel(model: string, agent: string): string {
  return agent === 'builtin' ? `oac-agent/${model}` : model
}

/** One line per instance: its first attempt. */
export function toPredictions(results: AttemptResult[], model: string, agent: string): string {
  const first = new Map<string, AttemptResult>()
  for (const r of [...results].sort((a, b) => a.attempt - b.attempt))
    if (!first.has(r.instance_id)) first.set(r.instance_id, r)
  const name = predictionModel(model, agent)
  return [...first.values()]
    .sort((a, b) => a.instance_id.localeCompare(b.instance_id))
    .map(
      (r) => `${JSON.stringify({instance_id: r.instance_id, model_name_or_path: name, model_patch: r.model_patch})}\n`,
    )
    .join('')
}

/**
 * Reads a predictions file (JSONL, or a JSON array as SWE-bench also takes); a bad row, an instance predicted
 * twice, or predictions of several models (judge one file per model) are refused with the row and field.
 */
export function loadPredictions(file: string): Prediction[] {
  const rows = parseJsonRows(readText(file), file, 'predictions')
  const seen = new Map<string, number>()
  const predictions = rows.map(({line, value}) => {
    const parsed = prediction.safeParse(value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const what = issue?.code === 'invalid_type' && issue.input === undefined ? 'missing' : issue?.message
      throw new DatasetError(file, line, `\`${issue?.path.join('.') || 'the row'}\`: ${what}`)
    }
    const first = seen.get(parsed.data.instance_id)
    if (first !== undefined)
      throw new DatasetError(
        file,
        line,
        `instance_id \`${parsed.data.instance_id}\` is predicted twice (rows ${first} and ${line})`,
      )
    seen.set(parsed.data.instance_id, line)
    return parsed.data
  })
  if (!predictions.length) throw new DatasetError(file, undefined, 'no predictions')
  const models = [...new Set(predictions.map((p) => p.model_name_or_path))]
  if (models.length > 1)
    throw new DatasetError(
      file,
      undefined,
      `predictions of ${models.length} models (${models.join(', ')}): judge one file per model`,
    )
  return predictions
}
