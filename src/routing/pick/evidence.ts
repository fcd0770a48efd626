import {z} from 'zod'
import type {Endpoint, Run} from '../../store/types.js'
import {addBench, addSwe, addToolCalling} from './scoped-figures.js'
import type {Candidate} from './types.js'

// From stored runs to candidates: the latest figure of each kind per (model, endpoint), on this hardware only, and
// only from runs of the engine the endpoint serves now. Summaries are read through the readers' lenient views of their
// writers' schemas, so a run that lacks a figure simply supplies none.

const runParams = z.looseObject({dataset: z.string().optional(), contextLength: z.number().optional()})

const keyOf = (run: Run) => `${run.model}@${run.endpointUrl ?? 'unknown endpoint'}`

/**
 * Why a run cannot count as evidence for the candidate as it is served now, or undefined if it can. `engineNow` is
 * the registered endpoint's engine, else the engine of the newest run at that URL: an unregistered URL that served
 * another engine earlier does not mix that engine's figures with this one's.
 */
function staleReason(
  run: Run,
  endpoint: Endpoint | undefined,
  engineNow: string | undefined,
  fingerprint: string | undefined,
): string | undefined {
  if (fingerprint && run.hardwareFingerprint !== fingerprint)
    return `measured on other hardware (${run.hardwareFingerprint ?? 'not recorded'}, this box is ${fingerprint})`
  if (engineNow && run.engine && engineNow !== run.engine)
    return `measured with engine ${run.engine}; the endpoint ${endpoint ? 'now runs' : 'last ran'} ${engineNow}`
  if (endpoint?.quantization && run.quantization !== endpoint.quantization)
    return `measured at quantization ${run.quantization ?? 'not recorded'}; the endpoint now serves ${endpoint.quantization}`
  return undefined
}

/** Candidates from complete runs (any order), with endpoints as registered now and this box's fingerprint. */
export function gatherCandidates(runs: Run[], endpoints: Endpoint[], fingerprint: string | undefined): Candidate[] {
  const byKey = new Map<string, Candidate>()
  const ordered = [...runs].filter((r) => r.status === 'complete').sort((a, b) => a.id - b.id)
  // The engine each URL served last, from the newest run that recorded one.
  const lastEngine = new Map<string, string>()
  for (const run of ordered) if (run.engine) lastEngine.set(keyOf(run), run.engine)
  for (const run of ordered) {
    const endpoint =
      endpoints.find((e) => e.id === run.endpointId) ??
      endpoints.find((e) => e.url === run.endpointUrl && e.model === run.model)
    const key = keyOf(run)
    // The engine the candidate is served with now, not the one its oldest run saw.
    const engineNow = endpoint?.engine ?? lastEngine.get(key)
    const c: Candidate = byKey.get(key) ?? {
      id: key,
      model: run.model,
      endpointUrl: run.endpointUrl ?? '',
      ignored: [],
      ...(engineNow ? {engine: engineNow} : {}),
      ...(endpoint?.quantization ? {quantization: endpoint.quantization} : {}),
    }
    byKey.set(key, c)
    const context = endpoint?.contextLength ?? runParams.safeParse(run.params).data?.contextLength
    if (context !== undefined) c.contextLength = context
    const stale = staleReason(run, endpoint, engineNow, fingerprint)
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
