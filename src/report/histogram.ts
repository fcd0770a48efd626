import type {Histogram} from './types.js'

// Histograms of latencies: equal-width bins over the pooled range, so runs drawn together share their bins.

/** √n bins (1 to maxBins) between the smallest and the largest value; empty input gives no bins. */
export function binEdges(values: number[], maxBins = 30): number[] {
  if (!values.length) return []
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (const v of values) {
    if (v < min) min = v
    if (v > max) max = v
  }
  if (min === max) return [min, max]
  const bins = Math.max(1, Math.min(maxBins, Math.ceil(Math.sqrt(values.length))))
  const width = (max - min) / bins
  return Array.from({length: bins + 1}, (_, i) => (i === bins ? max : min + i * width))
}

/** Counts per bin [edge i, edge i+1); the last bin includes its upper edge. Values outside the edges are dropped. */
export function histogram(values: number[], edges: number[]): Histogram {
  const bins = Math.max(0, edges.length - 1)
  const counts = new Array<number>(bins).fill(0)
  if (!bins) return {edges, counts}
  const first = edges[0] as number
  const last = edges[bins] as number
  for (const v of values) {
    if (v < first || v > last) continue
    let i = bins - 1
    // Binary search for the last edge <= v.
    let lo = 0
    let hi = bins - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if ((edges[mid] as number) <= v) {
        i = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    counts[i] = (counts[i] as number) + 1
  }
  return {edges, counts}
}
