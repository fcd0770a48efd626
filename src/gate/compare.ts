import {storedBenchSummary} from '../bench/summary.js'
import {retrievalSummary} from '../evals/retrieval/summary.js'
import {sweSummary} from '../evals/swe/summary.js'
import {storedCategorySummary, storedToolCallingSummary} from '../evals/tool-calling/summary.js'
import {readScope} from '../store/run-scope.js'
import {type Check, GateError, type LimitKey, type Limits} from './types.js'

// Pure comparisons of two run summaries. Bench figures are compared in percent of the baseline, accuracy in points
// (0.01 of accuracy = 1 point). A check passes when its change is no worse than its limit.

export interface Comparison {
  checks: Check[]
  /** Baseline points, categories or figures the current run has no counterpart for. */
  missing: string[]
}

const epsilon = 1e-9

type Record_ = Record<string, unknown>

function isRecord(value: unknown): value is Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

const round = (value: number) => Math.round(value * 1000) / 1000 + 0

/** A check of a bench figure: change in percent of the baseline; `limitPct` is how much worse it may get. */
export function percentCheck(
  metric: string,
  point: string | undefined,
  baseline: number,
  current: number,
  limitPct: number,
  higherIsBetter: boolean,
): Check {
  const change = ((current - baseline) / baseline) * 100
  const limit = higherIsBetter ? -limitPct : limitPct
  const ok = higherIsBetter ? change >= limit - epsilon : change <= limit + epsilon
  return {
    metric,
    ...(point !== undefined ? {point} : {}),
    baseline,
    current,
    change: round(change),
    limit,
    unit: '%',
    ok,
  }
}

/** A check of an accuracy in 0..1: change in points; `limitPoints` is how many points it may drop. */
export function pointsCheck(
  metric: string,
  point: string | undefined,
  baseline: number,
  current: number,
  limitPoints: number,
): Check {
  const change = (current - baseline) * 100
  const limit = -limitPoints
  return {
    metric,
    ...(point !== undefined ? {point} : {}),
    baseline,
    current,
    change: round(change),
    limit,
    unit: 'pt',
    ok: change >= limit - epsilon,
  }
}

/** A check of a failure share in 0..1: its rise in points; `limitPoints` is how many points it may rise. */
export function riseCheck(
  metric: string,
  point: string | undefined,
  baseline: number,
  current: number,
  limitPoints: number,
): Check {
  const change = (current - baseline) * 100
  return {
    metric,
    ...(point !== undefined ? {point} : {}),
    baseline,
    current,
    change: round(change),
    limit: limitPoints,
    unit: 'pt',
    ok: change <= limitPoints + epsilon,
  }
}

/** failed / (completed + failed), from a point's or summary's counts; undefined when it lacks them. */
export function failureShare(failed: unknown, total: unknown): number | undefined {
  const f = num(failed)
  const t = num(total)
  return f !== undefined && t !== undefined && t > 0 ? f / t : undefined
}

interface BenchFigure {
  metric: LimitKey
  higherIsBetter: boolean
  /** Rests on output token counts: estimated when the server sent no usage. */
  tokens: boolean
}

const serveFigures: BenchFigure[] = [
  {metric: 'output_throughput', higherIsBetter: true, tokens: true},
  {metric: 'p99_ttft_ms', higherIsBetter: false, tokens: false},
  {metric: 'mean_tpot_ms', higherIsBetter: false, tokens: true},
]
const microFigures: BenchFigure[] = [{metric: 'tokens_per_s', higherIsBetter: true, tokens: true}]

/** A figure the baseline measured is n/a (null) in the current run: the gate cannot compare it, and says why. */
function notMeasured(metric: string, key: string, point: Record_): GateError {
  const why =
    typeof point.note === 'string'
      ? point.note
      : 'decode was not observed (no reply streamed in two or more chunks over time)'
  return new GateError(`${metric} at ${key} is n/a in the current run: ${why}`)
}

/** The label a bench point is matched on: its concurrency and request rate (or, in micro mode, its test). */
export function pointKey(point: Record_): string | undefined {
  if (typeof point.test === 'string') return point.test
  if (!('max_concurrency' in point) && !('request_rate' in point)) return undefined
  const concurrency = point.max_concurrency ?? '∞'
  const rate = point.request_rate ?? 'inf'
  return `concurrency=${String(concurrency)} rate=${String(rate)}`
}

function benchPoints(summary: unknown, which: string): Map<string, Record_> {
  const parsed = storedBenchSummary.safeParse(summary)
  if (!parsed.success) throw new GateError(`the ${which} is not a bench summary (no \`runs\` list)`)
  const points = new Map<string, Record_>()
  for (const point of parsed.data.runs) {
    if (!isRecord(point)) continue
    const key = pointKey(point)
    // Micro results carry llama-bench's `avg_ts`; runs saved before that hold `tokens_per_s`, the limit's name.
    if (key !== undefined)
      points.set(
        key,
        typeof point.test === 'string' && 'avg_ts' in point ? {...point, tokens_per_s: point.avg_ts} : point,
      )
  }
  return points
}

/** Compares two bench summaries (`{runs: BenchPoint[]}`) point by point. */
export function compareBench(baseline: unknown, current: unknown, limits: Limits): Comparison {
  const base = benchPoints(baseline, 'baseline')
  const cur = benchPoints(current, 'current run')
  const checks: Check[] = []
  const missing: string[] = []
  for (const [key, basePoint] of base) {
    const curPoint = cur.get(key)
    if (!curPoint) {
      missing.push(key)
      continue
    }
    const estimated = curPoint.output_tokens_source === 'estimated' || readScope(curPoint.scope)?.tokens === 'estimated'
    const completed = num(curPoint.completed)
    for (const {metric, higherIsBetter, tokens} of typeof basePoint.test === 'string' ? microFigures : serveFigures) {
      const b = num(basePoint[metric])
      // A baseline figure of 0 or n/a (nothing measured) gives no percentage to hold the current run to.
      if (b === undefined || b <= 0) continue
      // Nothing completed: its latencies are not 0 ms; the failure rate and throughput checks tell the regression.
      if (completed === 0 && metric !== 'output_throughput') {
        missing.push(`${metric} at ${key} (no request completed)`)
        continue
      }
      if (curPoint[metric] === null) throw notMeasured(metric, key, curPoint)
      const c = num(curPoint[metric])
      if (c === undefined) {
        missing.push(`${metric} at ${key}`)
        continue
      }
      const check = percentCheck(metric, key, b, c, limits[metric], higherIsBetter)
      checks.push(tokens && estimated ? {...check, estimated: true} : check)
    }
    const bf = failureShare(basePoint.failed, (num(basePoint.completed) ?? Number.NaN) + (num(basePoint.failed) ?? 0))
    const cf = failureShare(curPoint.failed, (completed ?? Number.NaN) + (num(curPoint.failed) ?? 0))
    if (bf !== undefined && cf !== undefined) checks.push(riseCheck('failure_rate', key, bf, cf, limits.failure_rate))
  }
  if (checks.length === 0)
    throw new GateError(
      base.size === 0
        ? 'the baseline has no bench points'
        : `no matching points: baseline has ${[...base.keys()].join(', ')}; current run has ${[...cur.keys()].join(', ') || 'none'}`,
    )
  return {checks, missing}
}

/** An accuracy in 0..1, else undefined. */
function inUnit(accuracy: number | null | undefined): number | undefined {
  return typeof accuracy === 'number' && Number.isFinite(accuracy) && accuracy >= 0 && accuracy <= 1
    ? accuracy
    : undefined
}

const categoryAccuracy = (value: unknown) => inUnit(storedCategorySummary.safeParse(value).data?.accuracy)

/** Compares two tool-calling eval summaries (`{overall: {accuracy}, categories: {NAME: {accuracy}}}`). */
export function compareToolCalling(baseline: unknown, current: unknown, limits: Limits): Comparison {
  const base = storedToolCallingSummary.safeParse(baseline).data
  const baseOverall = inUnit(base?.overall.accuracy)
  if (baseOverall === undefined) throw new GateError('the baseline summary has no overall accuracy in 0..1')
  const cur = storedToolCallingSummary.safeParse(current).data
  const curOverall = inUnit(cur?.overall.accuracy)
  if (curOverall === undefined) throw new GateError('the current run summary has no overall accuracy in 0..1')
  const checks = [pointsCheck('accuracy', undefined, baseOverall, curOverall, limits.accuracy)]
  const bf = failureShare(base?.overall.request_errors, base?.overall.attempts)
  const cf = failureShare(cur?.overall.request_errors, cur?.overall.attempts)
  if (bf !== undefined && cf !== undefined)
    checks.push(riseCheck('failure_rate', undefined, bf, cf, limits.failure_rate))
  const missing: string[] = []
  const curCategories = cur?.categories ?? {}
  for (const [name, value] of Object.entries(base?.categories ?? {})) {
    const b = categoryAccuracy(value)
    if (b === undefined) continue
    const c = categoryAccuracy(curCategories[name])
    if (c === undefined) missing.push(name)
    else checks.push(pointsCheck('accuracy', name, b, c, limits.accuracy))
  }
  return {checks, missing}
}

/** Compares two SWE eval summaries (src/evals/swe/summary.ts) on their resolved rate, in points. */
export function compareSwe(baseline: unknown, current: unknown, limits: Limits): Comparison {
  const base = sweSummary.safeParse(baseline)
  if (!base.success) throw new GateError('the baseline is not an eval-swe summary (no resolved_rate)')
  const cur = sweSummary.safeParse(current)
  if (!cur.success) throw new GateError('the current run is not an eval-swe summary (no resolved_rate)')
  const [b, c] = [base.data.resolved_rate, cur.data.resolved_rate]
  if (b === null || c === null)
    throw new GateError(
      `the ${b === null ? 'baseline' : 'current run'} attempted no instance: its resolved rate is n/a`,
    )
  const checks = [pointsCheck('resolved_rate', undefined, b, c, limits.resolved_rate)]
  // Attempts the harness could not judge (error): a rise is a failure of the run, not of the model.
  const errorShare = (s: typeof base.data) => failureShare(s.error_ids.length, s.total)
  const bf = errorShare(base.data)
  const cf = errorShare(cur.data)
  if (bf !== undefined && cf !== undefined)
    checks.push(riseCheck('failure_rate', undefined, bf, cf, limits.failure_rate))
  const missing = base.data.resolved_ids.filter((id) => !cur.data.instances.some((i) => i.instance_id === id))
  return {checks, missing}
}

/**
 * Compares two `oac eval retrieval` summaries mode by mode on recall@5 and MRR@10, in points: search that finds the
 * answering files less often is a regression. The BM25 baseline inside each run is a reference, not gated.
 */
export function compareRetrieval(baseline: unknown, current: unknown, limits: Limits): Comparison {
  const base = retrievalSummary.safeParse(baseline)
  if (!base.success) throw new GateError('the baseline is not an eval-retrieval summary (no modes.lexical)')
  const cur = retrievalSummary.safeParse(current)
  if (!cur.success) throw new GateError('the current run is not an eval-retrieval summary (no modes.lexical)')
  if (!cur.data.questions) throw new GateError('the current run asked no question: nothing to compare')
  const checks: Check[] = []
  const missing: string[] = []
  for (const mode of ['lexical', 'vector', 'hybrid'] as const) {
    const b = base.data.modes[mode]
    const c = cur.data.modes[mode]
    if (!b) continue
    if (!c) {
      missing.push(mode)
      continue
    }
    checks.push(pointsCheck('recall_at_5', mode, b.recallAt5, c.recallAt5, limits.recall_at_5))
    checks.push(pointsCheck('mrr_at_10', mode, b.mrrAt10, c.mrrAt10, limits.mrr_at_10))
  }
  return {checks, missing}
}

/** Compares two summaries of the given kind. */
export function compareSummaries(kind: string, baseline: unknown, current: unknown, limits: Limits): Comparison {
  if (kind === 'bench') return compareBench(baseline, current, limits)
  if (kind === 'eval-tool-calling') return compareToolCalling(baseline, current, limits)
  if (kind === 'eval-swe') return compareSwe(baseline, current, limits)
  if (kind === 'eval-retrieval') return compareRetrieval(baseline, current, limits)
  throw new GateError(
    `cannot gate runs of kind ${kind}; oac gate compares bench, eval-tool-calling, eval-swe and eval-retrieval runs`,
  )
}
