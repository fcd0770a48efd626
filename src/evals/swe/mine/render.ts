import {dirname} from 'node:path'
import type {MineReport} from './mine.js'
import {DROP_REASONS} from './validate.js'

// The mine report for people: what was scanned, kept and dropped (per reason, with the commits), the cost, and the
// command that runs the tasks.

const REASON_TEXT: Record<(typeof DROP_REASONS)[number], string> = {
  root_commit: 'root commit',
  no_tests_changed: 'no tests changed',
  no_code_changed: 'no code changed',
  too_large: 'too large',
  no_runner: 'no test runner',
  setup_failed: 'setup failed',
  tests_did_not_fail: 'tests did not fail before',
  gold_did_not_pass: 'gold did not pass',
  flaky: 'flaky',
  error: 'error',
}

export function renderMine(r: MineReport): string {
  const lines = [
    `mined ${r.repo}: ${r.commits_scanned} commits scanned${r.resumed ? ` (${r.resumed} in an earlier run)` : ''}, ${r.candidates} with code and tests changed, ${r.kept} kept${r.status === 'partial' ? ' (interrupted: run the same command to go on)' : ''}`,
    '',
    '  dropped:',
    ...DROP_REASONS.filter((d) => r.dropped[d]).map(
      (d) => `    ${REASON_TEXT[d].padEnd(28)}${String(r.dropped[d]).padStart(5)}`,
    ),
  ]
  const shown = r.drops
    .filter((d) => !['root_commit', 'no_tests_changed', 'no_code_changed'].includes(d.reason))
    .slice(0, 15)
  if (shown.length) {
    lines.push('', '  dropped after running (first 15):')
    for (const d of shown)
      lines.push(`    ${d.commit.slice(0, 12)}  ${REASON_TEXT[d.reason].padEnd(26)} ${d.detail.slice(0, 90)}`)
  }
  if (r.tasks.length) {
    lines.push('', '  tasks:')
    for (const t of r.tasks)
      lines.push(
        `    ${t.instance_id.padEnd(44)} FAIL_TO_PASS ${String(t.fail_to_pass).padStart(3)}  PASS_TO_PASS ${String(t.pass_to_pass).padStart(4)}${t.split ? `  ${t.split}` : ''}`,
      )
  }
  lines.push(
    '',
    r.stress.runs
      ? `  each fix also ran ${r.stress.runs} time${r.stress.runs === 1 ? '' : 's'} beside ${r.stress.workers} busy process${r.stress.workers === 1 ? '' : 'es'} (tests failing under load left out)`
      : '  no loaded runs (--stress-runs 0): tests that fail only on a busy machine may be in the lists',
    `  ${r.wall_s} s${r.s_per_commit !== null ? ` (${r.s_per_commit} s per commit)` : ''} · setup ${r.setup.runs} runs, ${r.setup.cache_hits} from the install cache${r.splits ? ` · splits: ${r.splits.train} train, ${r.splits.eval} eval` : ''}`,
    `  wrote ${r.out}; run it with: oac eval swe --dataset ${r.out} --repos ${dirname(r.clone)} …`,
  )
  return lines.join('\n')
}
