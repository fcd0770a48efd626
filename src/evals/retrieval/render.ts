import type {RetrievalReport} from './run-retrieval.js'
import type {Figures} from './summary.js'

// The table `oac eval retrieval` prints: each search mode beside the BM25 baseline, file level.

const row = (name: string, f: Figures) =>
  `| ${name} | ${f.recallAt5.toFixed(2)} | ${f.recallAt10.toFixed(2)} | ${f.mrrAt10.toFixed(2)} |`

export function renderRetrieval(r: RetrievalReport): string {
  const s = r.summary
  const from =
    s.source === 'history'
      ? `${s.questions} questions from the history (${s.mined?.scanned ?? 0} commits read)`
      : `${s.questions} questions from the file`
  const lines = [
    `Retrieval on ${s.root}${s.commit ? ` at ${s.commit.slice(0, 12)}` : ''}: ${from}, scored at file level.`,
    '',
    '| method | recall@5 | recall@10 | MRR@10 |',
    '| --- | ---: | ---: | ---: |',
    row('BM25 (file level, baseline)', s.baseline.bm25),
    row('oac lexical', s.modes.lexical),
  ]
  if (s.modes.vector) lines.push(row(`oac vector (${s.embedding?.model})`, s.modes.vector))
  if (s.modes.hybrid) lines.push(row(`oac hybrid (${s.embedding?.model})`, s.modes.hybrid))
  const skipped = Object.entries(s.mined?.skipped ?? {})
  if (skipped.length) lines.push('', `Commits left out: ${skipped.map(([why, n]) => `${n} ${why}`).join(', ')}.`)
  for (const n of r.notes) lines.push(`Note: ${n}.`)
  if (r.status === 'partial') lines.push('Interrupted: the figures cover the questions asked so far.')
  if (r.runId !== undefined) lines.push(`Saved as run ${r.runId}.`)
  return lines.join('\n')
}
