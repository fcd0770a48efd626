import type {Endpoint} from '../../store/types.js'
import type {DecisionRecord} from '../pick/decision-record.js'

// The context a model is served with, from the evidence of that very model (never another class's): what the
// router serving it says now, else what `oac route pick` recorded for it, else what its registered endpoint says.

export interface ContextEvidence {
  contextLength: number
  /** Where the figure comes from, for the person reading apply's output. */
  contextFrom: string
}

/** `max_model_len` per model from the router's /v1/models (empty when the router does not answer in time). */
export async function routerContexts(routerUrl: string, key: string, timeoutMs = 2_000): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  try {
    const res = await fetch(`${routerUrl.replace(/\/+$/, '')}/v1/models`, {
      headers: {authorization: `Bearer ${key}`},
      signal: AbortSignal.timeout(timeoutMs),
    })
    if (!res.ok) return out
    const data = ((await res.json()) as {data?: {id?: unknown; max_model_len?: unknown}[]}).data ?? []
    for (const m of data)
      if (typeof m.id === 'string' && typeof m.max_model_len === 'number') out.set(m.id, m.max_model_len)
  } catch {}
  return out
}

export interface ContextSources {
  router: Map<string, number>
  decision?: {id: number; record: DecisionRecord}
  endpoints: Endpoint[]
}

export function contextOf(model: string, sources: ContextSources): ContextEvidence | undefined {
  const served = sources.router.get(model)
  if (served !== undefined) return {contextLength: served, contextFrom: "the router's /v1/models"}
  const decided = sources.decision?.record.classes.find((c) => c.model === model && c.contextLength !== undefined)
  if (decided?.contextLength !== undefined && sources.decision)
    return {contextLength: decided.contextLength, contextFrom: `decision #${sources.decision.id}`}
  const endpoint = sources.endpoints
    .filter((e) => e.model === model && e.contextLength !== undefined)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0]
  if (endpoint?.contextLength !== undefined)
    return {contextLength: endpoint.contextLength, contextFrom: `registered endpoint ${endpoint.name ?? endpoint.url}`}
  return undefined
}
