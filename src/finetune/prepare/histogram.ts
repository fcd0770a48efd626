// The token-length histogram of a dataset card: how many pairs fall in each bucket, so a user sees what sequence
// length training needs (a pair longer than --seq-len is cut or dropped by the trainer). Pure.

export const BUCKETS = [512, 1024, 2048, 4096, 8192, 16384, 32768] as const

export interface Histogram {
  /** Upper bound of each bucket (tokens, inclusive) and its count; the last bucket (null) is everything longer. */
  buckets: {le: number | null; count: number}[]
  p50: number
  p95: number
  max: number
}

const quantile = (sorted: number[], q: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0) : 0

export function histogram(lengths: number[]): Histogram {
  const sorted = [...lengths].sort((a, b) => a - b)
  const buckets: Histogram['buckets'] = [...BUCKETS, null].map((le) => ({le, count: 0}))
  for (const n of sorted) {
    const i = BUCKETS.findIndex((b) => n <= b)
    const bucket = buckets[i === -1 ? BUCKETS.length : i]
    if (bucket) bucket.count++
  }
  return {buckets, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1) ?? 0}
}
