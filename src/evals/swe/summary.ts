import {z} from 'zod'
import {runScope} from '../../store/run-scope.js'
import {type AttemptResult, sweStatus} from './result.js'

// The stored summary of an `oac eval swe` run (runs.summary) and the `--json` output: SWE-bench's resolved rate
// plus oac's cost figures. With --repeat k an instance counts as resolved in the id lists only when all k attempts
// resolved (pass^k); its status otherwise is that of its first attempt that did not resolve. resolved_rate is
// pass@1 averaged over the k attempts (each instance weighs resolved attempts / k), as in tau-bench's pass^k paper.
// SWE-bench's run report fields (swebench/harness/reporting.py, make_run_report, schema_version 2) come with it, id
// lists sorted: total = the instances the run set out to do, submitted = those with a finished attempt (a
// prediction), completed = those judged to a test report (resolved or unresolved), incomplete = not attempted yet
// (an interrupted run, or no prediction for them with --judge).

export const sweInstanceSummary = z.object({
  instance_id: z.string(),
  attempt: z.number().int().optional(),
  status: sweStatus,
  turns: z.number().int().nullable(),
  prompt_tokens: z.number().int().nullable(),
  completion_tokens: z.number().int().nullable(),
  duration_s: z.number(),
  reason: z.string().optional(),
})

export const sweSummary = z.object({
  model: z.string(),
  agent: z.string(),
  total: z.number().int(),
  /** Resolved attempts / repeat, summed over instances (an integer for --repeat 1). */
  resolved: z.number(),
  /** pass@1 averaged: resolved / total; null when no instance was attempted (an interrupted run measured nothing). */
  resolved_rate: z.number().nullable(),
  resolved_ids: z.array(z.string()),
  unresolved_ids: z.array(z.string()),
  empty_patch_ids: z.array(z.string()),
  error_ids: z.array(z.string()),
  instances: z.array(sweInstanceSummary),
  repeat: z.number().int(),
  /** Share of instances resolved in every one of the k attempts; null when none was attempted. */
  pass_hat_k: z.number().nullable(),
  /** Totals over attempts; null when an agent did not report them. */
  prompt_tokens: z.number().int().nullable(),
  completion_tokens: z.number().int().nullable(),
  /** Mean wall time of an attempt, seconds. */
  mean_duration_s: z.number(),
  // SWE-bench's report fields; optional only because runs stored before them lack them.
  total_instances: z.number().int().optional(),
  submitted_instances: z.number().int().optional(),
  completed_instances: z.number().int().optional(),
  resolved_instances: z.number().int().optional(),
  unresolved_instances: z.number().int().optional(),
  empty_patch_instances: z.number().int().optional(),
  error_instances: z.number().int().optional(),
  submitted_ids: z.array(z.string()).optional(),
  completed_ids: z.array(z.string()).optional(),
  incomplete_ids: z.array(z.string()).optional(),
  schema_version: z.literal(2).optional(),
  /** What the run measured: instances of which dataset, attempts, harness errors (src/store/run-scope.ts). */
  scope: runScope.optional(),
})
export type SweSummary = z.infer<typeof sweSummary>

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits

function sumOrNull(values: (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0)
}

/**
 * The summary of the attempts made so far; `total` counts instances with at least one attempt, `planned` are the
 * instance ids the run set out to do (default: those attempted).
 */
export function summarize(
  attempts: AttemptResult[],
  model: string,
  agent: string,
  repeat: number,
  planned?: string[],
): SweSummary {
  const byInstance = new Map<string, AttemptResult[]>()
  for (const a of attempts) byInstance.set(a.instance_id, [...(byInstance.get(a.instance_id) ?? []), a])
  const ids = {resolved: [] as string[], unresolved: [] as string[], empty_patch: [] as string[], error: [] as string[]}
  let resolved = 0
  for (const [id, list] of byInstance) {
    const sorted = [...list].sort((a, b) => a.attempt - b.attempt)
    resolved += sorted.filter((a) => a.status === 'resolved').length / sorted.length
    const failed = sorted.find((a) => a.status !== 'resolved')
    ids[failed ? failed.status : 'resolved'].push(id)
  }
  for (const list of Object.values(ids)) list.sort()
  const total = byInstance.size
  const submitted = [...byInstance.keys()].sort()
  const all = [...new Set([...(planned ?? []), ...submitted])].sort()
  const ordered = [...attempts].sort((a, b) => a.instance_id.localeCompare(b.instance_id) || a.attempt - b.attempt)
  return {
    model,
    agent,
    total,
    resolved: round(resolved),
    resolved_rate: total ? round(resolved / total) : null,
    resolved_ids: ids.resolved,
    unresolved_ids: ids.unresolved,
    empty_patch_ids: ids.empty_patch,
    error_ids: ids.error,
    instances: ordered.map((a) => ({
      instance_id: a.instance_id,
      ...(repeat > 1 ? {attempt: a.attempt} : {}),
      status: a.status,
      turns: a.turns,
      prompt_tokens: a.prompt_tokens,
      completion_tokens: a.completion_tokens,
      duration_s: a.duration_s,
      ...(a.reason ? {reason: a.reason} : {}),
    })),
    repeat,
    pass_hat_k: total ? round(ids.resolved.length / total) : null,
    prompt_tokens: sumOrNull(attempts.map((a) => a.prompt_tokens)),
    completion_tokens: sumOrNull(attempts.map((a) => a.completion_tokens)),
    mean_duration_s: attempts.length ? round(attempts.reduce((s, a) => s + a.duration_s, 0) / attempts.length, 3) : 0,
    total_instances: all.length,
    submitted_instances: submitted.length,
    completed_instances: ids.resolved.length + ids.unresolved.length,
    resolved_instances: ids.resolved.length,
    unresolved_instances: ids.unresolved.length,
    empty_patch_instances: ids.empty_patch.length,
    error_instances: ids.error.length,
    submitted_ids: submitted,
    completed_ids: [...ids.resolved, ...ids.unresolved].sort(),
    incomplete_ids: all.filter((id) => !byInstance.has(id)),
    schema_version: 2,
  }
}
