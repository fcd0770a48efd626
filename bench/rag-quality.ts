// Retrieval quality of `oac search` on oac's own source: bench/rag-questions.json holds questions in plain words,
// each with the file that answers it. Indexes a snapshot of the repository (git archive of HEAD) lexically, adds
// `oac sim` embeddings (hashed bag of words, 768 dims), and reports recall@5 and MRR@10 per mode.
// Run: `npx tsx bench/rag-quality.ts [--json]`.
import {execSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {startSim} from '../src/engines/sim.js'
import {buildIndex} from '../src/rag/build-index.js'
import {CodeSearch, type SearchMode} from '../src/rag/code-search.js'
import {createEmbedder} from '../src/rag/embedder.js'

const root = new URL('..', import.meta.url).pathname
const questions = JSON.parse(readFileSync(join(root, 'bench/rag-questions.json'), 'utf8')) as {
  q: string
  path: string
}[]
const snapshot = mkdtempSync(join(tmpdir(), 'oac-rag-quality-'))
execSync(`git archive HEAD | tar -x -C ${snapshot}`, {cwd: root})

const sim = await startSim({port: 0, ttftMs: 0, itlMs: 0})
try {
  const lexical = await buildIndex({root: snapshot})
  const vectors = await buildIndex({root: snapshot, embedder: createEmbedder(sim.baseUrl, 'sim-model')})
  const search = await CodeSearch.open(snapshot)
  const rows: Record<string, unknown>[] = []
  for (const mode of ['lexical', 'vector', 'hybrid'] as SearchMode[]) {
    let hits5 = 0
    let rr = 0
    const ms: number[] = []
    const misses: string[] = []
    for (const {q, path} of questions) {
      const answer = await search.search(q, {k: 10, mode})
      ms.push(answer.ms)
      const rank = answer.hits.findIndex((h) => h.path === path)
      if (rank >= 0 && rank < 5) hits5++
      else misses.push(q)
      if (rank >= 0) rr += 1 / (rank + 1)
    }
    ms.sort((a, b) => a - b)
    rows.push({
      mode,
      questions: questions.length,
      recallAt5: Number((hits5 / questions.length).toFixed(3)),
      mrrAt10: Number((rr / questions.length).toFixed(3)),
      p50Ms: ms[Math.floor(ms.length / 2)],
      misses: misses.slice(0, 5),
    })
  }
  search.close()
  if (process.argv.includes('--json')) console.log(JSON.stringify({lexical, vectors, modes: rows}))
  else {
    console.log(
      `oac's own source: ${lexical.files} files, ${lexical.chunks} chunks; ${questions.length} questions; embeddings: oac sim (${vectors.embedding?.dim} dims)`,
    )
    for (const r of rows)
      console.log(
        `${String(r.mode).padEnd(8)} recall@5 ${String(r.recallAt5).padEnd(6)} MRR@10 ${String(r.mrrAt10).padEnd(6)} p50 ${r.p50Ms} ms`,
      )
  }
} finally {
  await sim.close()
  rmSync(snapshot, {recursive: true, force: true})
}
