import {z} from 'zod'
import {storedBenchPoint, storedBenchSummary} from '../../bench/summary.js'
import {sweSummary} from '../../evals/swe/summary.js'
import {storedCategorySummary, storedToolCallingSummary} from '../../evals/tool-calling/summary.js'
import type {Endpoint, Run} from '../../store/types.js'
import {lenient} from '../../util/lenient-schema.js'
import type {Candidate, Figure} from './types.js'

// From stored runs to candidates: the latest figure of each kind per (model, endpoint), on this hardware only, and
// only from runs of the engine the endpoint serves now. Summaries are read through the readers' lenient views of their
// writers' schemas, so a run that lacks a figure simply supplies none.

const swe = lenient(sweSummary)
const runParams = z.looseObject({dataset: z.string().optional(), contextLength: z.number().optional()})

const keyOf = (run: Run) => `${run.model}@${run.endpointUrl ?? 'unknown endpoint'}`

/** Why a run cannot count as evidence for the candidate as it is served now, or undefined if it can. */
function staleReason(run: Run, endpoint: Endpoint | undefined, fingerprint: string | undefined): string | undefined {
  if (fingerprint && run.hardwareFingerprint !== fingerprint)
    return `measured on other hardware (${run.hardwareFingerprint ?? 'not recorded'}, this box is ${fingerprint})`
  if (endpoint?.engine && run.engine && endpoint.engine !== run.engine)
    return `measured with engine ${run.engine}; the endpoint now runs ${endpoint.engine}`
  if (endpoint?.quantization && run.quantization !== endpoint.quantization)
    return `measured at quantization ${run.quantization ?? 'not recorded'}; the endpoint now serves ${endpoint.quantization}`
  return undefined
}

const figure = (value: number, run: Run): Figure => ({value, runId: run.id, at: run.finishedAt ?? run.startedAt})

/** Newer figures replace older ones: runs are visited oldest first. */
function addBench(c: Candidate, run: Run): void {
  const summary = storedBenchSummary.safeParse(run.summary)
  if (!summary.success) return
  const dataset = runParams.safeParse(run.params).data?.dataset
  for (const raw of summary.data.runs) {
    const point = storedBenchPoint.safeParse(raw).data
    if (point?.max_concurrency !== 1 || point.completed === 0) continue
    if (point.median_tpot_ms) c.decodeTokS = figure(1000 / point.median_tpot_ms, run)
    if (point.median_ttft_ms != null) c.medianTtftMs = figure(point.median_ttft_ms, run)
    if (dataset === 'coding' && point.p90_ttft_ms != null) c.codingP90TtftMs = figure(point.p90_ttft_ms, run)
  }
}

function addToolCalling(c: Candidate, run: Run): void {
  const summary = storedToolCallingSummary.safeParse(run.summary).data
  const mode = summary?.mode
  if (!summary?.overall.cases || typeof mode !== 'string') return
  if (summary.overall.accuracy != null) c.toolAccuracy = {...figure(summary.overall.accuracy, run), mode}
  const long = storedCategorySummary.safeParse(summary.categories?.long_context).data
  if (long?.total && long.accuracy != null) c.longContextAccuracy = figure(long.accuracy, run)
}

function addSwe(c: Candidate, run: Run): void {
  const summary = swe.safeParse(run.summary).data
  if (!summary?.total || summary.resolved_rate == null) return
  c.sweResolved = {...figure(summary.resolved_rate, run), agent: summary.agent ?? 'builtin'}
}

/** Candidates from complete runs (any order), with endpoints as registered now and this box's fingerprint. */
export function gatherCandidates(runs: Run[], endpoints: Endpoint[], fingerprint: string | undefined): Candidate[] {
  const byKey = new Map<string, Candidate>()
  const ordered = [...runs].filter((r) => r.status === 'complete').sort((a, b) => a.id - b.id)
  for (const run of ordered) {
    const endpoint =
      endpoints.find((e) => e.id === run.endpointId) ??
      endpoints.find((e) => e.url === run.endpointUrl && e.model === run.model)
    const key = keyOf(run)
    const c: Candidate = byKey.get(key) ?? {
      id: key,
      model: run.model,
      endpointUrl: run.endpointUrl ?? '',
      ignored: [],
      ...((endpoint?.engine ?? run.engine) ? {engine: endpoint?.engine ?? run.engine} : {}),
      ...(endpoint?.quantization ? {quantization: endpoint.quantization} : {}),
    }
    byKey.set(key, c)
    const context = endpoint?.contextLength ?? runParams.safeParse(run.params).data?.contextLength
    if (context !== undefined) c.contextLength = context
    const stale = staleReason(run, endpoint, fingerprint)
    if (stale) {
      c.ignored.push({runId: run.id, reason: stale})
      continue
    }
    if (run.kind === 'bench') addBench(c, run)
    else if (run.kind === 'eval-tool-calling') addToolCalling(c, run)
    else if (run.kind === 'eval-swe') addSwe(c, run)
  }
  return [...byKey.values()]
}
