import {LlmClient} from '../../llm/client.js'
import type {Endpoint} from '../../store/types.js'
import type {ClassDecision} from './types.js'

/** A registered endpoint serving an embedding model, and whether it answered a one-word embedding request. */
export interface EmbeddingProbe {
  model: string
  url: string
  up: boolean
  dimensions?: number
  error?: string
}

/** Embedding models are named so by every publisher we know of (nomic-embed, bge, e5, gte, jina-embeddings). */
export const looksLikeEmbeddingModel = (model: string) => /embed|(^|[-_/])(bge|e5|gte)([-_]|$)/i.test(model)

/** Asks each registered embedding endpoint for one vector, at most `timeoutMs` each. */
export async function probeEmbeddings(endpoints: Endpoint[], timeoutMs = 3_000): Promise<EmbeddingProbe[]> {
  const candidates = endpoints.filter((e) => looksLikeEmbeddingModel(e.model))
  return Promise.all(
    candidates.map(async (e): Promise<EmbeddingProbe> => {
      try {
        const [vector] = await new LlmClient(e.url, {timeoutMs}).embed(
          e.model,
          ['ping'],
          AbortSignal.timeout(timeoutMs),
        )
        return {model: e.model, url: e.url, up: true, dimensions: vector?.length ?? 0}
      } catch (error) {
        return {model: e.model, url: e.url, up: false, error: (error as Error).message}
      }
    }),
  )
}

/** embeddings: the first registered embedding model that is up now. */
export function pickEmbeddings(probes: EmbeddingProbe[]): ClassDecision {
  const ranking = probes.map((p) => ({
    candidate: `${p.model}@${p.url}`,
    model: p.model,
    figures: {dimensions: p.dimensions ?? null},
    runIds: [],
    ...(p.up ? {} : {excludedBy: `down: ${p.error}`}),
  }))
  ranking.sort((a, b) => Number(Boolean(a.excludedBy)) - Number(Boolean(b.excludedBy)))
  const best = ranking.find((r) => !r.excludedBy)
  return {
    taskClass: 'embeddings',
    ...(best ? {chosen: best.candidate, model: best.model} : {}),
    ranking,
    reason: best
      ? `up and answering (${best.figures.dimensions} dimensions)`
      : probes.length
        ? 'every registered embedding endpoint is down'
        : 'no embedding endpoint registered',
    missing: probes.length
      ? []
      : ['oac setup --profile <profile> --only models  (the profile names an embedding model)'],
  }
}
