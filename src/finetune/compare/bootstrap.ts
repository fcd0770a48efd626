// The paired bootstrap of the difference in resolved rate between two models on the same tasks (Efron &
// Tibshirani, "An Introduction to the Bootstrap", percentile interval). Each task gives d = tuned − base ∈ {−1, 0, 1};
// a resample draws n tasks with replacement, so its mean is (k₊ − k₋) / n with (k₊, k₋, k₀) multinomial over the
// shares of +1, −1 and 0 tasks. The distribution is computed exactly from that multinomial (no random resamples: the
// same tasks always give the same interval), in O(n²). Pure.

export interface PairedInterval {
  n: number
  /** Tasks only the tuned model resolved, and only the base. */
  gained: number
  lost: number
  /** Mean difference in resolved rate (tuned − base). */
  diff: number
  lo: number
  hi: number
  level: number
}

function logFactorials(n: number): number[] {
  const out = [0]
  for (let i = 1; i <= n; i++) out.push((out[i - 1] ?? 0) + Math.log(i))
  return out
}

/** The exact bootstrap distribution of the mean paired difference: value → probability, sorted by value. */
export function bootstrapDistribution(n: number, gained: number, lost: number): [number, number][] {
  const lf = logFactorials(n)
  const p = [gained / n, lost / n, (n - gained - lost) / n]
  const logP = p.map((x) => (x > 0 ? Math.log(x) : Number.NEGATIVE_INFINITY))
  const mass = new Map<number, number>()
  for (let up = 0; up <= n; up++)
    for (let down = 0; up + down <= n; down++) {
      const rest = n - up - down
      const terms = [up * (logP[0] ?? 0), down * (logP[1] ?? 0), rest * (logP[2] ?? 0)]
      // 0 × log 0 is 0: a kind with no task contributes nothing when it is not drawn.
      const log = [up, down, rest].reduce((s, k, i) => s + (k === 0 ? 0 : (terms[i] ?? 0)), 0)
      if (!Number.isFinite(log)) continue
      const prob = Math.exp((lf[n] ?? 0) - (lf[up] ?? 0) - (lf[down] ?? 0) - (lf[rest] ?? 0) + log)
      mass.set(up - down, (mass.get(up - down) ?? 0) + prob)
    }
  return [...mass.entries()].sort((a, b) => a[0] - b[0]).map(([k, prob]) => [k / n, prob])
}

/** The percentile interval at `level` of the paired difference; `resolved` pairs are (base, tuned) per task. */
export function pairedInterval(resolved: {base: boolean; tuned: boolean}[], level = 0.95): PairedInterval {
  const n = resolved.length
  const gained = resolved.filter((r) => r.tuned && !r.base).length
  const lost = resolved.filter((r) => r.base && !r.tuned).length
  if (!n) return {n, gained, lost, diff: 0, lo: 0, hi: 0, level}
  const dist = bootstrapDistribution(n, gained, lost)
  const tail = (1 - level) / 2
  // The smallest value whose cumulative probability reaches q (a tolerance absorbs floating-point sums).
  const quantile = (q: number) => {
    let cum = 0
    for (const [value, prob] of dist) {
      cum += prob
      if (cum >= q - 1e-12) return value
    }
    return dist.at(-1)?.[0] ?? 0
  }
  return {n, gained, lost, diff: (gained - lost) / n, lo: quantile(tail), hi: quantile(1 - tail), level}
}
