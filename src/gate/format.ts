import type {Check} from './types.js'

/** A figure for people: 3 significant decimals for small values, fewer for big ones. */
export function formatValue(value: number): string {
  const abs = Math.abs(value)
  if (abs >= 1000) return value.toFixed(0)
  if (abs >= 100) return value.toFixed(1)
  if (abs >= 1) return value.toFixed(2)
  return value.toFixed(3)
}

function signed(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits)
  if (Number(text) === 0) return `0${digits ? `.${'0'.repeat(digits)}` : ''}`
  return `${value < 0 ? '-' : '+'}${text}`
}

/** `-12.3%`, `+0.5 pt`. */
export function formatChange(check: Check): string {
  return check.unit === '%' ? `${signed(check.change, 1)}%` : `${signed(check.change, 1)} pt`
}

/** Throughput and accuracy should not drop; latencies and the failure rate should not rise. */
export function higherIsBetter(metric: string): boolean {
  return !metric.endsWith('_ms') && metric !== 'failure_rate'
}

/** `>= -5%` for a figure that may drop, `<= +10%` for one that may rise. */
export function formatLimit(check: Check): string {
  const bound = check.unit === '%' ? `${signed(check.limit, 0)}%` : `${signed(check.limit, 1)} pt`
  return `${higherIsBetter(check.metric) ? '>=' : '<='} ${bound}`
}

/** `output_throughput at concurrency=4 rate=inf` */
export function checkName(check: Check): string {
  const metric = check.estimated ? `${check.metric} (estimated tokens)` : check.metric
  return check.point === undefined ? metric : `${metric} at ${check.point}`
}
