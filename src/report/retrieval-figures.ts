import {basename} from 'node:path'
import {retrievalSummary} from '../evals/retrieval/summary.js'
import type {Run} from '../store/types.js'
import {axes, color, type Figure, fmt, runName, type Section} from './chart-kit.js'
import type {RetrievalRun, RunRef} from './types.js'

// The retrieval section: how well code search finds the files that answer questions about a repository, each search
// mode beside the file-level BM25 baseline (oac eval retrieval).

/** The report's view of a stored `eval-retrieval` run; undefined when its summary is not one. */
export function retrievalRun(run: Run, ref: RunRef): RetrievalRun | undefined {
  const s = retrievalSummary.safeParse(run.summary)
  if (!s.success) return undefined
  const {modes, baseline} = s.data
  const model = s.data.embedding?.model
  return {
    run: ref,
    repo: basename(s.data.root),
    commit: s.data.commit,
    source: s.data.source,
    questions: s.data.questions,
    methods: [
      {name: 'BM25 (baseline)', ...baseline.bm25},
      {name: 'oac lexical', ...modes.lexical},
      ...(modes.vector ? [{name: `oac vector (${model})`, ...modes.vector}] : []),
      ...(modes.hybrid ? [{name: `oac hybrid (${model})`, ...modes.hybrid}] : []),
    ],
  }
}

const label = (r: RetrievalRun) => `${r.repo} · ${r.run.model}`

export function retrievalSection(runs: RetrievalRun[]): Section {
  const latest = [...new Map(runs.map((r) => [label(r), r])).values()]
  const names = [...new Set(latest.flatMap((r) => r.methods.map((m) => m.name.replace(/ \(.*\)$/, ''))))]
  const figure: Figure = {
    id: 'retrieval',
    title: 'Code search: files found in the top 5 (recall@5), per repository and method',
    note: 'Questions mined from each commit (its subject and body; the source files it changed are the answer) or written by hand; file level. The newest run of each repository and embedding model.',
    chart: {
      type: 'bar',
      data: {
        labels: latest.map(label),
        datasets: names.map((name, i) => ({
          label: name,
          data: latest.map((r) => {
            const m = r.methods.find((x) => x.name.replace(/ \(.*\)$/, '') === name)
            return m ? m.recallAt5 * 100 : null
          }),
          backgroundColor: color(i),
        })),
      },
      options: axes('repository · embedding model', 'recall@5 (%)', {yMax: 100}),
    },
    table: {
      columns: ['Repository', 'Run', 'Questions', 'Method', 'recall@5', 'recall@10', 'MRR@10'],
      rows: runs.flatMap((r) =>
        r.methods.map((m) => [
          `${r.repo}${r.commit ? ` @ ${r.commit.slice(0, 9)}` : ''}`,
          runName(r.run),
          `${r.questions} (${r.source})`,
          m.name,
          fmt(m.recallAt5, 2),
          fmt(m.recallAt10, 2),
          fmt(m.mrrAt10, 2),
        ]),
      ),
    },
  }
  return {id: 'retrieval', title: 'Code search (retrieval)', figures: [figure]}
}
