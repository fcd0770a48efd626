import {openAiBaseUrl} from '../../llm/endpoint.js'
import type {Endpoint} from '../../store/types.js'
import {looksLikeEmbeddingModel} from './embeddings.js'
import type {Candidate} from './types.js'

// Which candidates can be routed to now. The store keeps every endpoint ever registered: `oac quickstart` leaves its
// embedded engine's random port behind, an engine moves or stops serving a model. A route to one of those fails
// every request, so a candidate whose endpoint does not answer now (or no longer lists the model) is left out of
// the decision, and listed with the reason. Registered endpoints that answer but have no runs yet are candidates
// without figures, so the decision names the commands that would measure them.

/** A candidate left out because its endpoint does not serve it now. */
export interface Unreachable {
  candidate: string
  model: string
  endpointUrl: string
  reason: string
}

/** What one endpoint's model list said: the models, or why it did not answer. */
type EndpointProbe = {models?: string[]} | {error: string}

async function probeModels(url: string, timeoutMs: number): Promise<EndpointProbe> {
  try {
    const res = await fetch(`${openAiBaseUrl(url)}/models`, {signal: AbortSignal.timeout(timeoutMs)})
    // An engine that wants a key still answers: it is up, though it does not say what it serves.
    if (res.status === 401 || res.status === 403) return {}
    if (!res.ok) return {error: `its model list answered HTTP ${res.status}`}
    const data = ((await res.json()) as {data?: {id?: unknown}[]}).data
    return Array.isArray(data) ? {models: data.map((m) => String(m.id))} : {}
  } catch (error) {
    const e = error as Error & {cause?: {code?: string}}
    if (e.name === 'TimeoutError') return {error: `no answer within ${timeoutMs} ms`}
    return {error: e.cause?.code ? `does not answer (${e.cause.code})` : `does not answer (${e.message})`}
  }
}

/** Candidates for registered chat endpoints that no run has measured yet (no figures: the policy lists commands). */
export function endpointCandidates(endpoints: Endpoint[], known: Candidate[]): Candidate[] {
  const ids = new Set(known.map((c) => c.id))
  const out: Candidate[] = []
  for (const e of endpoints) {
    const id = `${e.model}@${e.url}`
    if (ids.has(id) || looksLikeEmbeddingModel(e.model)) continue
    ids.add(id)
    out.push({
      id,
      model: e.model,
      endpointUrl: e.url,
      ignored: [],
      ...(e.engine ? {engine: e.engine} : {}),
      ...(e.quantization ? {quantization: e.quantization} : {}),
      ...(e.contextLength !== undefined ? {contextLength: e.contextLength} : {}),
    })
  }
  return out
}

/** Probes each distinct endpoint once, in parallel, and splits the candidates into those served now and the rest. */
export async function splitByLiveness(
  candidates: Candidate[],
  timeoutMs = 3_000,
): Promise<{live: Candidate[]; unreachable: Unreachable[]}> {
  const urls = [...new Set(candidates.map((c) => c.endpointUrl).filter(Boolean))]
  const probes = new Map(await Promise.all(urls.map(async (u) => [u, await probeModels(u, timeoutMs)] as const)))
  const live: Candidate[] = []
  const unreachable: Unreachable[] = []
  for (const c of candidates) {
    const probe = probes.get(c.endpointUrl)
    const reason = !c.endpointUrl
      ? 'no endpoint recorded for its runs'
      : probe && 'error' in probe
        ? `${c.endpointUrl} ${probe.error}`
        : probe?.models && !probe.models.includes(c.model)
          ? `${c.endpointUrl} answers but no longer serves ${c.model} (it serves ${probe.models.join(', ') || 'nothing'})`
          : undefined
    if (reason) unreachable.push({candidate: c.id, model: c.model, endpointUrl: c.endpointUrl, reason})
    else live.push(c)
  }
  return {live, unreachable}
}

/** What to run when there is nothing at all to decide from: start an engine, then measure it. */
export const FIRST_STEPS = [
  'oac engine start  (or oac sim / your own engine: then pass its URL below)',
  'oac bench --endpoint URL --model MODEL --dataset coding --concurrency 1',
  'oac eval tool-calling --endpoint URL --model MODEL',
  'oac eval swe --endpoint URL --model MODEL',
]
