import type {CompareReport} from './compare.js'

// The comparison for people: both models' figures, the interval, the verdict and why.

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`)

export function renderCompare(r: CompareReport): string {
  const n = r.swe.n
  return [
    `held-out tasks judged for both: ${n} (${r.dataset})`,
    `  base   ${r.base.model.padEnd(32)} resolved ${r.base.resolved}/${n}  tool calling ${pct(r.base.tool_accuracy)}`,
    `  tuned  ${r.tuned.model.padEnd(32)} resolved ${r.tuned.resolved}/${n}  tool calling ${pct(r.tuned.tool_accuracy)}`,
    `  paired difference ${pct(r.swe.diff)}, ${Math.round(r.swe.level * 100)}% bootstrap interval [${pct(r.swe.lo)}, ${pct(r.swe.hi)}] (${r.swe.gained} gained, ${r.swe.lost} lost)`,
    '',
    `verdict: ${r.verdict} — ${r.why}`,
  ].join('\n')
}
