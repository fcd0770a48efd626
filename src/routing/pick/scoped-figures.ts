import {z} from 'zod'
import {storedBenchPoint, storedBenchSummary} from '../../bench/summary.js'
import {sweSummary} from '../../evals/swe/summary.js'
import {storedCategorySummary, storedToolCallingSummary} from '../../evals/tool-calling/summary.js'
import {coversDataset, describeScope, type RunScope, readScope} from '../../store/run-scope.js'
import type {Run} from '../../store/types.js'
import {lenient} from '../../util/lenient-schema.js'
import type {Candidate, Figure} from './types.js'

// Figures a run supplies to a candidate, only from runs that cover the policy's whole scope: the whole coding set
// (speed, at concurrency 1), the whole tool-calling suite (accuracy; the whole long_context category for long
// context), the whole SWE dataset (resolved rate). A narrower run never stands in for the whole: it is listed with
// what it covers, and the policy names the command that measures the rest.

const swe = lenient(sweSummary)
const toolParams = z.looseObject({
  categories: z.array(z.string()).optional().catch(undefined),
  limit: z.number().optional().catch(undefined),
  importSpec: z.string().optional().catch(undefined),
})

const figure = (value: number, run: Run, estimated = false): Figure => ({
  value,
  runId: run.id,
  at: run.finishedAt ?? run.startedAt,
  ...(estimated ? {estimated: true} : {}),
})

/** Why a scope does not cover its whole dataset, or undefined when it does (or is `dataset` at all). */
function shortOf(scope: RunScope | undefined, dataset: (d: string) => boolean, what: string): string | undefined {
  if (!scope) return `its scope is not recorded (a run stored before oac recorded scopes): re-run it`
  if (!dataset(scope.dataset)) return `measured ${scope.dataset}, not ${what}`
  return coversDataset(scope) ? undefined : `covers ${describeScope(scope)}, not the whole of ${what}`
}

/** Speed at concurrency 1 on the whole coding set: decode, p90 TTFT, median time to the first answer token. */
export function addBench(c: Candidate, run: Run): void {
  const summary = storedBenchSummary.safeParse(run.summary)
  if (!summary.success) return
  for (const raw of summary.data.runs) {
    const point = storedBenchPoint.safeParse(raw).data
    if (point?.max_concurrency !== 1 || point.completed === 0) continue
    const scope = readScope(point.scope)
    const short = shortOf(scope, (d) => d === 'coding', 'the coding set')
    if (short) {
      c.ignored.push({runId: run.id, reason: `speed at concurrency 1 ${short}`})
      if (scope?.dataset === 'coding') c.partial = {...c.partial, coding: `run #${run.id} ${short}`}
      continue
    }
    const estimated = scope?.tokens === 'estimated'
    if (point.median_tpot_ms) {
      c.decodeTokS = figure(1000 / point.median_tpot_ms, run, estimated)
      delete c.decodeNotMeasured
    } else {
      delete c.decodeTokS
      c.decodeNotMeasured = {runId: run.id, reason: 'no reply streamed in two or more chunks over time'}
    }
    if (point.p90_ttft_ms != null) c.codingP90TtftMs = figure(point.p90_ttft_ms, run)
    // Fast means a fast answer: the first content token, not a reasoning model's first thought.
    const answer = point.median_content_ttft_ms ?? point.median_ttft_ms
    if (answer != null) c.medianTtftMs = figure(answer, run)
  }
}

/**
 * Overall first-try accuracy from a run over a whole tool-calling dataset (the built-in suite, or an imported BFCL
 * file, named: the policy ranks only on one dataset); long_context accuracy from the whole category of the suite.
 */
export function addToolCalling(c: Candidate, run: Run): void {
  const summary = storedToolCallingSummary.safeParse(run.summary).data
  const mode = summary?.mode
  if (!summary?.overall.cases || typeof mode !== 'string') return
  const scope = readScope(summary.scope)
  const short = shortOf(scope, () => true, `its tool-calling ${scope?.dataset === 'suite' ? 'suite' : 'dataset'}`)
  const estimated = scope?.tokens === 'estimated'
  if (short || !scope) {
    c.ignored.push({runId: run.id, reason: `tool-calling accuracy ${short}`})
    c.partial = {...c.partial, tools: `run #${run.id} ${short}`}
  } else if (summary.overall.accuracy != null)
    c.toolAccuracy = {...figure(summary.overall.accuracy, run, estimated), mode, dataset: scope.dataset}
  // long_context: every case of the category, answered (a run of the whole suite, or of the category without --limit).
  const params = toolParams.safeParse(run.params).data
  const wholeCategory =
    scope?.dataset === 'suite' &&
    !scope.interrupted &&
    scope.failed === 0 &&
    params?.limit === undefined &&
    (!params?.categories?.length || params.categories.includes('long_context'))
  const long = storedCategorySummary.safeParse(summary.categories?.long_context).data
  if (!long?.total || long.accuracy == null) return
  if (wholeCategory) c.longContextAccuracy = figure(long.accuracy, run)
  else c.partial = {...c.partial, longContext: `run #${run.id} did not answer every long_context case`}
}

/** The resolved rate from a run over its whole SWE dataset (the shipped suite or a file), with the dataset named. */
export function addSwe(c: Candidate, run: Run): void {
  const summary = swe.safeParse(run.summary).data
  if (!summary?.total || summary.resolved_rate == null) return
  const scope = readScope(summary.scope)
  const short = shortOf(scope, (d) => d.startsWith('swe:'), 'its SWE dataset')
  if (short || !scope) {
    c.ignored.push({runId: run.id, reason: `SWE resolved rate ${short}`})
    c.partial = {...c.partial, swe: `run #${run.id} ${short}`}
    return
  }
  c.sweResolved = {...figure(summary.resolved_rate, run), agent: summary.agent ?? 'builtin', dataset: scope.dataset}
}
