import {stripControls} from '../util/terminal-text.js'
import type {IndexReport} from './build-index.js'

// Text renderings of index runs: the progress note (files/s and ETA) and the summary a person reads. The summary
// lists file names a repository chose and an endpoint's error text, so escape sequences are removed from it.

/** `120/405 files · 48.1 files/s · ETA 6 s` from what is done and the time since the phase started. */
export function progressNote(done: number, total: number, elapsedMs: number, unit = 'files'): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0
  const eta = rate > 0 ? Math.ceil((total - done) / rate) : undefined
  return `${done}/${total} ${unit} · ${rate.toFixed(1)} ${unit}/s · ETA ${eta === undefined ? '?' : `${eta} s`}`
}

function counts<T extends string>(values: T[]): string {
  const n = new Map<T, number>()
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1)
  return [...n.entries()].map(([k, c]) => `${c} ${k}`).join(', ')
}

export function renderIndexReport(r: IndexReport, maxListed = 20): string {
  const lines = [
    `${r.interrupted ? 'Interrupted; the index holds' : 'Indexed'} ${r.files} files (${r.chunks} chunks) in ${r.seconds.toFixed(1)} s: ` +
      `${r.indexed} new or changed, ${r.unchanged} unchanged, ${r.deleted} removed.`,
    r.embedding
      ? `Embeddings: ${r.embedding.model} at ${r.embedding.endpoint}, ${r.embedding.dim} dimensions (${r.embedded} new vectors)${r.ann ? ', ANN index' : ''}.`
      : 'Lexical only: no embedding endpoint (add vectors later with --endpoint URL --model EMBEDDING_MODEL; the lexical part is kept).',
  ]
  if (r.upgraded)
    lines.push('The index came from an older oac: every file was read again for file-level ranking (vectors kept).')
  if (r.embedding && r.vectorsMissing)
    lines.push(
      `WARNING: ${r.vectorsMissing} chunks have no vector${r.embeddingNotice ? ` (${r.embeddingNotice})` : ''}; ` +
        'vector search misses them until `oac index` runs with the endpoint up (or --endpoint URL --model M).',
    )
  if (r.fallbacks.length)
    lines.push(
      `${r.fallbacks.length} files cut into line windows because their grammar failed: ${r.fallbacks.slice(0, 5).join(', ')}`,
    )
  if (r.skipped.length) {
    lines.push(`Skipped ${r.skipped.length} files (${counts(r.skipped.map((s) => s.reason))}):`)
    for (const s of r.skipped.slice(0, maxListed)) lines.push(`  ${s.path}: ${s.reason} (${s.detail})`)
    if (r.skipped.length > maxListed) lines.push(`  … ${r.skipped.length - maxListed} more (--json lists all)`)
  }
  if (r.interrupted) lines.push('Run oac index again to finish; what was indexed is kept and searchable.')
  return stripControls(lines.join('\n'))
}
