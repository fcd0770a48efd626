import {relative} from 'node:path'
import {EXIT, OacError} from '../../errors.js'
import {headCommit} from '../../git/head-commit.js'
import {buildIndex, type IndexReport} from '../../rag/build-index.js'
import {CodeSearch, type SearchMode} from '../../rag/code-search.js'
import type {Embedder} from '../../rag/embedder.js'
import {withRecordedRun} from '../../store/record-run.js'
import {bm25Index} from './bm25.js'
import {readCorpus} from './corpus.js'
import {aggregate, type QuestionScore, scoreRanking} from './metrics.js'
import {mineQuestions} from './mine-questions.js'
import {loadQuestions, type Question} from './questions.js'
import type {RetrievalSummary} from './summary.js'

// `oac eval retrieval`: how well search finds the files that answer questions about this repository. The index is
// brought up to date first (with the endpoint it was built with, or the one given); then every question is asked
// in each mode the index supports and of a plain file-level BM25 over the same files, and scored at file level.

export interface RetrievalOptions {
  root: string
  /** A JSON file of [{q, gold}]; without it, questions are mined from the history. */
  questionsFile?: string
  /** Mined questions to use at most. */
  limit: number
  embedder?: Embedder
  save: boolean
  signal?: AbortSignal
  onEvent?: (e: RetrievalEvent) => void
}

export type RetrievalEvent =
  | {type: 'index'; report: IndexReport}
  | {type: 'start'; total: number}
  | {type: 'progress'; done: number}

export interface RetrievalReport {
  runId?: number
  status: 'complete' | 'partial'
  summary: RetrievalSummary
  /** What the figures leave out and why (vector modes without vectors). */
  notes: string[]
}

export class NoQuestionsError extends OacError {
  override name = 'NoQuestionsError'
}

/** The embedding endpoint failed mid-run: the vector figures would be lexical ones (exit 1). */
export class EmbeddingDownError extends OacError {
  override name = 'EmbeddingDownError'
  constructor(message: string) {
    super(message, EXIT.failed)
  }
}

const MODES: SearchMode[] = ['lexical', 'vector', 'hybrid']

export async function runRetrievalEval(o: RetrievalOptions): Promise<RetrievalReport> {
  const index = await buildIndex({
    root: o.root,
    ...(o.embedder ? {embedder: o.embedder} : {}),
    ...(o.signal ? {signal: o.signal} : {}),
  })
  o.onEvent?.({type: 'index', report: index})
  const search = await CodeSearch.open(o.root)
  try {
    const indexed = new Set(Object.keys(search.store.manifest.files))
    const mined = o.questionsFile ? undefined : await mineQuestions(o.root, indexed, {limit: o.limit})
    const questions: Question[] = o.questionsFile ? await loadQuestions(o.questionsFile) : (mined?.questions ?? [])
    if (!questions.length)
      throw new NoQuestionsError(
        `No questions: of the ${mined?.scanned ?? 0} newest commits none describes a change to source files that are ` +
          'still in the tree. Write some with --questions FILE (a JSON array of {"q": "...", "gold": ["path"]}).',
      )
    const embedding = search.store.manifest.embedding
    const modes = MODES.filter((m) => m === 'lexical' || (embedding && index.vectorsMissing === 0))
    const notes: string[] = []
    if (!embedding)
      notes.push('vector and hybrid not measured: the index has no embeddings (--endpoint URL --model M adds them)')
    else if (index.vectorsMissing)
      notes.push(
        `vector and hybrid not measured: ${index.vectorsMissing} chunks have no vector (${index.embeddingNotice ?? 'run oac index with the endpoint up'})`,
      )
    const model = embedding?.model ?? 'lexical'
    // Mined questions are the newest commits': another commit is another set of questions (gate/workload.ts).
    const commit = headCommit(o.root) ?? null
    const params = o.questionsFile
      ? {root: o.root, source: 'questions', questionsFile: o.questionsFile}
      : {root: o.root, source: 'history', limit: o.limit, commit}
    const input = o.save
      ? {kind: 'eval-retrieval' as const, model, params, ...(embedding ? {endpointUrl: embedding.endpoint} : {})}
      : undefined
    return await withRecordedRun(input, async (run) => {
      // The questions file is the answer key: when it sits in the tree it must not be a candidate answer.
      const key = o.questionsFile ? relative(o.root, o.questionsFile) : undefined
      const candidates = (paths: string[]) => paths.filter((p) => p !== key)
      const bm25 = bm25Index((await readCorpus(o.root)).filter((f) => f.path !== key))
      const scores: Record<string, QuestionScore[]> = {bm25: []}
      for (const m of modes) scores[m] = []
      o.onEvent?.({type: 'start', total: questions.length})
      let done = 0
      for (const {q, gold} of questions) {
        if (o.signal?.aborted) break
        const ranks: Record<string, number | null> = {}
        const bm = scoreRanking(
          bm25.rank(q, 10).map((r) => r.path),
          gold,
        )
        scores.bm25?.push(bm)
        ranks.bm25 = bm.firstRank
        for (const mode of modes) {
          const answer = await search.search(q, {k: key ? 11 : 10, mode})
          // A hybrid answer that fell back to lexical would be scored as hybrid: never report that.
          if (answer.ran !== mode)
            throw new EmbeddingDownError(`${mode} search ran as ${answer.ran}: ${answer.notice ?? ''}`)
          const s = scoreRanking(candidates(answer.files.map((f) => f.path)).slice(0, 10), gold)
          scores[mode]?.push(s)
          ranks[mode] = s.firstRank
        }
        run.add({ok: true, data: {q, gold, firstRank: ranks}})
        done++
        o.onEvent?.({type: 'progress', done})
      }
      const figures = (m: string) => aggregate(scores[m] ?? [])
      const summary: RetrievalSummary = {
        root: o.root,
        source: o.questionsFile ? 'questions' : 'history',
        commit,
        questions: done,
        embedding: embedding ? {model: embedding.model, endpoint: embedding.endpoint} : null,
        modes: {
          lexical: figures('lexical'),
          ...Object.fromEntries(modes.filter((m) => m !== 'lexical').map((m) => [m, figures(m)])),
        },
        baseline: {bm25: figures('bm25')},
        ...(mined ? {mined: {scanned: mined.scanned, skipped: mined.skipped}} : {}),
      }
      const status: RetrievalReport['status'] = o.signal?.aborted ? 'partial' : 'complete'
      const value = {...(run.runId !== undefined ? {runId: run.runId} : {}), status, summary, notes}
      return {status, summary, value}
    })
  } finally {
    search.close()
  }
}
