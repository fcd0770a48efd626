import {sweSummary} from '../evals/swe/summary.js'
import type {Run} from '../store/types.js'
import {axes, color, type Figure, fmt, pctOrNa, runName, type Section} from './chart-kit.js'
import type {RunRef, SweRun} from './types.js'

// The SWE section: resolved rate per model and agent, and what it cost (tokens, time per task).

/** The report's view of a stored `eval-swe` run (`ref`: its reference); undefined when its summary is not one. */
export function sweRun(run: Run, ref: RunRef): SweRun | undefined {
  const s = sweSummary.safeParse(run.summary)
  if (!s.success) return undefined
  const tokens =
    s.data.prompt_tokens === null || s.data.completion_tokens === null
      ? null
      : s.data.prompt_tokens + s.data.completion_tokens
  return {
    run: ref,
    agent: s.data.agent,
    total: s.data.total,
    resolved: s.data.resolved,
    resolvedRate: s.data.total ? s.data.resolved_rate : null,
    passHatK: s.data.total ? s.data.pass_hat_k : null,
    repeat: s.data.repeat,
    tokensPerTask: tokens === null || !s.data.instances.length ? null : tokens / s.data.instances.length,
    meanDurationS: s.data.mean_duration_s,
  }
}

const label = (r: SweRun) => `${r.run.model} · ${r.agent === 'builtin' ? 'oac agent' : r.agent}`

export function sweSection(runs: SweRun[]): Section {
  // The newest run of each model and agent.
  const latest = [...new Map(runs.map((r) => [label(r), r])).values()]
  const tokenKnown = latest.filter((r) => r.tokensPerTask !== null && r.resolvedRate !== null)
  const figures: Figure[] = [
    {
      id: 'swe-resolved',
      title: 'SWE tasks resolved, per model and agent',
      note: 'The newest run of each model and agent. Resolved: every FAIL_TO_PASS test passes and every PASS_TO_PASS test still passes (SWE-bench).',
      chart: {
        type: 'bar',
        data: {
          labels: latest.map(label),
          datasets: [
            {
              label: 'resolved (%)',
              data: latest.map((r) => (r.resolvedRate === null ? null : r.resolvedRate * 100)),
              backgroundColor: color(0),
            },
          ],
        },
        options: axes('model · agent', 'resolved (%)', {yMax: 100}),
      },
      table: {
        columns: ['Model · agent', 'Run', 'Resolved', 'Rate', 'pass^k', 'Tokens per task', 'Time per task'],
        rows: runs.map((r) => [
          label(r),
          runName(r.run),
          r.total ? `${r.resolved}/${r.total}` : 'n/a (no instance attempted)',
          pctOrNa(r.resolvedRate),
          r.repeat > 1 ? `${pctOrNa(r.passHatK)} (k=${r.repeat})` : '—',
          r.tokensPerTask === null ? 'n/a' : fmt(r.tokensPerTask, 0),
          `${fmt(r.meanDurationS)} s`,
        ]),
      },
    },
  ]
  if (tokenKnown.length)
    figures.push({
      id: 'swe-cost',
      title: 'Resolved rate against tokens and time per task',
      note: 'Up and to the left is better. External agents do not report tokens (n/a) and are left out here.',
      chart: {
        type: 'scatter',
        data: {
          datasets: tokenKnown.map((r, i) => ({
            label: label(r),
            data: [{x: r.tokensPerTask, y: (r.resolvedRate ?? 0) * 100}],
            backgroundColor: color(i),
            pointRadius: 6,
          })),
        },
        options: axes('tokens per task', 'resolved (%)', {xLinear: true, yMax: 100}),
      },
      table: {
        columns: ['Model · agent', 'Tokens per task', 'Time per task', 'Resolved'],
        rows: tokenKnown.map((r) => [
          label(r),
          fmt(r.tokensPerTask ?? 0, 0),
          `${fmt(r.meanDurationS)} s`,
          pctOrNa(r.resolvedRate),
        ]),
      },
    })
  return {id: 'swe', title: 'Coding tasks (SWE)', figures}
}
