import type {SweReport} from './run-swe.js'

// The end-of-run table for people: one line per attempt, then the resolved rate and cost figures; and the exit code.

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`)
const num = (x: number | null) => (x === null ? 'n/a' : String(x))

export function renderSwe(r: SweReport): string {
  // Mined ids (owner__name-<12 hex>) are longer than the shipped suite's: the column fits the longest.
  const width = Math.max(34, ...r.instances.map((i) => i.instance_id.length + 4))
  const lines = [
    `SWE eval: ${r.model} with agent ${r.agent}, ${r.total} instances${r.repeat > 1 ? ` × ${r.repeat}` : ''}`,
    '',
    `  ${'instance'.padEnd(width)}${'status'.padEnd(13)}${'turns'.padStart(6)}${'tokens'.padStart(10)}${'time'.padStart(9)}  reason`,
  ]
  for (const i of r.instances) {
    const id = i.attempt !== undefined ? `${i.instance_id}#${i.attempt + 1}` : i.instance_id
    const tokens =
      i.prompt_tokens === null || i.completion_tokens === null ? 'n/a' : String(i.prompt_tokens + i.completion_tokens)
    lines.push(
      `  ${id.padEnd(width)}${i.status.padEnd(13)}${num(i.turns).padStart(6)}${tokens.padStart(10)}${`${i.duration_s.toFixed(1)}s`.padStart(9)}  ${(i.reason ?? '').slice(0, 80)}`,
    )
  }
  lines.push(
    '',
    `  resolved ${r.total ? `${r.resolved}/${r.total} (${pct(r.resolved_rate)})` : 'n/a (no instance attempted)'}${r.repeat > 1 ? ` · pass^${r.repeat} ${pct(r.pass_hat_k)}` : ''} · unresolved ${r.unresolved_ids.length} · empty patch ${r.empty_patch_ids.length} · error ${r.error_ids.length}${r.incomplete_ids?.length ? ` · not attempted ${r.incomplete_ids.length}` : ''}`,
    `  tokens ${num(r.prompt_tokens)} prompt + ${num(r.completion_tokens)} completion · mean ${r.mean_duration_s.toFixed(1)} s per attempt`,
    '',
    r.runId !== undefined ? `saved as run ${r.runId} (${r.status})` : `not saved (${r.status})`,
  )
  return lines.join('\n')
}

/** `interrupted` (130 Ctrl-C, 143 SIGTERM) when stopped; 0 when every instance the run set out to do resolved; else 1. */
export function sweExitCode(r: SweReport, interrupted = 130): number {
  if (r.status === 'partial') return interrupted
  return r.resolved_ids.length === r.total && !r.incomplete_ids?.length ? 0 : 1
}
