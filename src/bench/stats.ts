// Summary statistics the way vLLM's benchmark computes them with numpy: population std (ddof 0),
// percentiles by linear interpolation between closest ranks.

export interface Distribution {
  mean: number
  median: number
  std: number
  p90: number
  p99: number
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0
  const rank = (p / 100) * (sorted.length - 1)
  const lo = Math.floor(rank)
  const hi = Math.ceil(rank)
  const a = sorted[lo] ?? 0
  const b = sorted[hi] ?? a
  return a + (b - a) * (rank - lo)
}

/** mean, median, std, p90, p99 of `values`; all 0 for an empty list (as vLLM reports with no samples). */
export function distribution(values: number[]): Distribution {
  if (!values.length) return {mean: 0, median: 0, std: 0, p90: 0, p99: 0}
  const sorted = [...values].sort((a, b) => a - b)
  const mean = values.reduce((s, v) => s + v, 0) / values.length
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length
  return {
    mean,
    median: percentile(sorted, 50),
    std: Math.sqrt(variance),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
  }
}
