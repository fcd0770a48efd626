import {basename} from 'node:path'
import {retrievalSummary} from '../../evals/retrieval/summary.js'
import {LlmClient} from '../../llm/client.js'
import type {Endpoint, Run} from '../../store/types.js'
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

/** A model's retrieval figures on one repository, from its newest complete `oac eval retrieval` run there. */
interface Retrieval {
  runId: number
  root: string
  recallAt5: number
  mrrAt10: number
}

/**
 * The retrieval evidence that decides between embedding models: each model's newest run on the repository most
 * recently evaluated with an embedding model (figures from different repositories do not compare), hybrid figures
 * where measured, else vector.
 */
function retrievalEvidence(runs: Run[]): Map<string, Retrieval> {
  const parsed = runs
    .filter((r) => r.kind === 'eval-retrieval' && r.status === 'complete')
    .map((r) => ({run: r, s: retrievalSummary.safeParse(r.summary).data}))
    .filter((x) => x.s?.embedding && (x.s.modes.hybrid ?? x.s.modes.vector))
    .sort((a, b) => b.run.startedAt.localeCompare(a.run.startedAt))
  const root = parsed[0]?.s?.root
  const out = new Map<string, Retrieval>()
  for (const {run, s} of parsed) {
    const figures = s?.modes.hybrid ?? s?.modes.vector
    if (!s || !figures || s.root !== root || out.has(run.model)) continue
    out.set(run.model, {runId: run.id, root: s.root, recallAt5: figures.recallAt5, mrrAt10: figures.mrrAt10})
  }
  return out
}

/**
 * embeddings: among the registered embedding models that are up now, the one that retrieves best on this box's
 * latest `oac eval retrieval` repository (recall@5, then MRR@10); without such runs, the first one that is up.
 */
export function pickEmbeddings(probes: EmbeddingProbe[], runs: Run[] = []): ClassDecision {
  const evidence = retrievalEvidence(runs)
  const ranking = probes.map((p) => {
    const r = evidence.get(p.model)
    return {
      candidate: `${p.model}@${p.url}`,
      model: p.model,
      figures: {dimensions: p.dimensions ?? null, recallAt5: r?.recallAt5 ?? null, mrrAt10: r?.mrrAt10 ?? null},
      runIds: r ? [r.runId] : [],
      ...(p.up ? {} : {excludedBy: `down: ${p.error}`}),
    }
  })
  const score = (x: (typeof ranking)[number]) => [
    Number(!x.excludedBy),
    x.figures.recallAt5 ?? -1,
    x.figures.mrrAt10 ?? -1,
  ]
  ranking.sort((a, b) => {
    const [sa, sb] = [score(a), score(b)]
    return (sb[0] ?? 0) - (sa[0] ?? 0) || (sb[1] ?? 0) - (sa[1] ?? 0) || (sb[2] ?? 0) - (sa[2] ?? 0)
  })
  const best = ranking.find((r) => !r.excludedBy)
  const measured = best?.figures.recallAt5 !== null && best?.figures.recallAt5 !== undefined
  const root = [...evidence.values()][0]?.root
  return {
    taskClass: 'embeddings',
    ...(best ? {chosen: best.candidate, model: best.model} : {}),
    ranking,
    reason: !best
      ? probes.length
        ? 'every registered embedding endpoint is down'
        : 'no embedding endpoint registered'
      : measured
        ? `retrieves best on ${basename(root ?? '')}: recall@5 ${best.figures.recallAt5?.toFixed(2)}, MRR@10 ${best.figures.mrrAt10?.toFixed(2)} (run ${best.runIds[0]})`
        : `up and answering (${best.figures.dimensions} dimensions)`,
    missing: !probes.length
      ? ['oac setup --profile <profile> --only models  (the profile names an embedding model)']
      : measured || !best
        ? []
        : ['oac eval retrieval --endpoint URL --model EMBEDDING_MODEL  (which embedding model finds this code best)'],
  }
}
