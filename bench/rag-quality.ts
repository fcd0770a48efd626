// Retrieval quality of `oac search` at file level on real codebases nobody here wrote, beside the baselines a user
// already has: file-level BM25 (identifiers split) and ripgrep-style keyword counting. Each fixture in
// fixtures/retrieval/ names a public repository and commit, and holds questions written and labelled with their gold
// files before oac ever ran on that code. The code itself is not in this repository: clone it and point the bench at
// the clone (the bench indexes a `git archive` of the fixture's commit, minus the fixture's `drop` folders).
//
//   git clone https://github.com/eemeli/yaml /tmp/rq/yaml   (same for preact, Leaflet, ajv and undici)
//   npx tsx bench/rag-quality.ts --codebase yaml=/tmp/rq/yaml --codebase preact=/tmp/rq/preact \
//     --codebase leaflet=/tmp/rq/leaflet --codebase ajv=/tmp/rq/ajv --codebase undici=/tmp/rq/undici \
//     [--self] [--sim] [--misses] [--json]
// ajv and undici are held out: their questions were written after ranking was tuned on the other three.
//
// --self adds oac's own source with bench/rag-questions.json; --sim adds vector and hybrid modes with `oac sim`'s
// hashed bag-of-words embeddings (a lexical signal in vector form, not a real embedding model: label it so).
// Beside the written questions, each codebase gets 30 name lookups (a symbol defined in one source file, chosen with
// a fixed seed; the query is the bare name, the gold its file): typing a name must find its definition first.
import {execSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {startSim} from '../src/engines/sim.js'
import {bm25Index} from '../src/evals/retrieval/bm25.js'
import {readCorpus} from '../src/evals/retrieval/corpus.js'
import {keywordGrep} from '../src/evals/retrieval/keyword-grep.js'
import {aggregate, type QuestionScore, scoreRanking} from '../src/evals/retrieval/metrics.js'
import {type Question, questionFixture} from '../src/evals/retrieval/questions.js'
import {buildIndex} from '../src/rag/build-index.js'
import {CodeSearch, type SearchAnswer, type SearchMode} from '../src/rag/code-search.js'
import {createEmbedder} from '../src/rag/embedder.js'
import {fileKind} from '../src/rag/file-kind.js'
import {IndexStore} from '../src/rag/index-store.js'
import {seededRandom} from '../src/util/seeded-random.js'

const repoRoot = new URL('..', import.meta.url).pathname
const argv = process.argv.slice(2)
const flag = (name: string) => argv.includes(name)
const codebases = new Map<string, string>()
argv.forEach((a, i) => {
  if (a !== '--codebase') return
  const [name, dir] = (argv[i + 1] ?? '').split('=')
  if (name && dir) codebases.set(name, dir)
})

interface Target {
  name: string
  label: string
  questions: Question[]
  snapshot: string
}

function targets(): Target[] {
  const out: Target[] = []
  const dir = join(repoRoot, 'fixtures/retrieval')
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const fixture = questionFixture.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')))
    const clone = codebases.get(fixture.name)
    if (!clone) continue
    const snapshot = mkdtempSync(join(tmpdir(), `oac-rq-${fixture.name}-`))
    execSync(`git -C ${JSON.stringify(clone)} archive ${fixture.source.commit} | tar -x -C ${snapshot}`)
    for (const d of fixture.drop) rmSync(join(snapshot, d), {recursive: true, force: true})
    const dropped = fixture.drop.length ? `, without ${fixture.drop.join(', ')}` : ''
    out.push({
      name: fixture.name,
      label: `${fixture.name} (${fixture.language}, ${fixture.source.commit.slice(0, 9)}${dropped})`,
      questions: fixture.questions,
      snapshot,
    })
  }
  for (const name of codebases.keys())
    if (!out.some((t) => t.name === name)) throw new Error(`no fixture named ${name} in fixtures/retrieval`)
  if (flag('--self')) {
    const snapshot = mkdtempSync(join(tmpdir(), 'oac-rq-self-'))
    execSync(`git archive HEAD | tar -x -C ${snapshot}`, {cwd: repoRoot})
    const own = JSON.parse(readFileSync(join(repoRoot, 'bench/rag-questions.json'), 'utf8')) as {
      q: string
      path: string
    }[]
    out.push({
      name: 'oac',
      label: "oac's own source (questions written here)",
      questions: own.map(({q, path}) => ({q, gold: [path]})),
      snapshot,
    })
  }
  return out
}

/** The files of an answer, best first. */
const filesOf = (a: SearchAnswer) => a.files.map((f) => f.path)

interface Row {
  codebase: string
  method: string
  questions: number
  recallAt5: number
  recallAt10: number
  mrrAt10: number
  misses?: string[]
}

/** 30 symbols defined in exactly one source file, as {q: name, gold: [file]}, the same ones every run. */
async function nameQuestions(root: string): Promise<Question[]> {
  const store = await IndexStore.open(root, {create: false})
  const rows = await store.chunks.query().select(['path', 'symbol', 'kind']).toArray()
  store.close()
  const files = new Map<string, Set<string>>()
  for (const r of rows) {
    const name = String(r.symbol).split('.').at(-1) ?? ''
    if (!/^[A-Za-z_$][\w$]{3,}$/.test(name) || !['function', 'method', 'class'].includes(String(r.kind))) continue
    files.set(name, (files.get(name) ?? new Set()).add(String(r.path)))
  }
  const unique = [...files.entries()]
    .filter(([, paths]) => paths.size === 1 && fileKind([...paths][0] ?? '') === 'code')
    .sort(([a], [b]) => a.localeCompare(b))
  const random = seededRandom(25)
  const picked: Question[] = []
  while (picked.length < 30 && unique.length) {
    const [[name, paths]] = unique.splice(Math.floor(random() * unique.length), 1) as [[string, Set<string>]]
    picked.push({q: name, gold: [...paths]})
  }
  return picked
}

async function measure(t: Target, sim: {baseUrl: string} | undefined): Promise<Row[]> {
  const rows: Row[] = []
  const add = (method: string, scores: QuestionScore[]) => {
    const misses = t.questions.filter((_, i) => (scores[i]?.recallAt5 ?? 0) === 0).map((q) => q.q)
    rows.push({codebase: t.name, method, ...aggregate(scores), ...(flag('--misses') ? {misses} : {})})
  }
  const corpus = await readCorpus(t.snapshot)
  const bm25 = bm25Index(corpus)
  add(
    'BM25 (file level)',
    t.questions.map(({q, gold}) =>
      scoreRanking(
        bm25.rank(q, 10).map((r) => r.path),
        gold,
      ),
    ),
  )
  add(
    'ripgrep keywords',
    t.questions.map(({q, gold}) =>
      scoreRanking(
        keywordGrep(corpus, q).map((r) => r.path),
        gold,
      ),
    ),
  )
  const lexical = await buildIndex({root: t.snapshot})
  console.error(`${t.label}: ${lexical.files} files, ${lexical.chunks} chunks, ${t.questions.length} questions`)
  if (sim) await buildIndex({root: t.snapshot, embedder: createEmbedder(sim.baseUrl, 'sim-model')})
  const search = await CodeSearch.open(t.snapshot)
  try {
    const modes: SearchMode[] = sim ? ['lexical', 'vector', 'hybrid'] : ['lexical']
    for (const mode of modes) {
      const scores: QuestionScore[] = []
      for (const {q, gold} of t.questions)
        scores.push(scoreRanking(filesOf(await search.search(q, {k: 10, mode})), gold))
      add(`oac ${mode}${mode === 'lexical' ? '' : ' (sim vectors)'}`, scores)
    }
    const names = await nameQuestions(t.snapshot)
    const byName = async (q: string) => filesOf(await search.search(q, {k: 10, mode: 'lexical'}))
    const nameScores: QuestionScore[] = []
    for (const {q, gold} of names) nameScores.push(scoreRanking(await byName(q), gold))
    rows.push({
      codebase: t.name,
      method: 'names: BM25',
      ...aggregate(
        names.map(({q, gold}) =>
          scoreRanking(
            bm25.rank(q, 10).map((r) => r.path),
            gold,
          ),
        ),
      ),
    })
    rows.push({codebase: t.name, method: 'names: oac lexical', ...aggregate(nameScores)})
  } finally {
    search.close()
  }
  return rows
}

const sim = flag('--sim') ? await startSim({port: 0, ttftMs: 0, itlMs: 0}) : undefined
const all = targets()
try {
  if (!all.length) throw new Error('name at least one --codebase NAME=CLONE (see the top of this file) or --self')
  const rows: Row[] = []
  for (const t of all) rows.push(...(await measure(t, sim)))
  if (flag('--json')) console.log(JSON.stringify(rows))
  else {
    console.log('| codebase | method | recall@5 | recall@10 | MRR@10 |\n| --- | --- | ---: | ---: | ---: |')
    for (const r of rows)
      console.log(
        `| ${r.codebase} (${r.questions} q) | ${r.method} | ${r.recallAt5} | ${r.recallAt10} | ${r.mrrAt10} |`,
      )
    for (const r of rows.filter((x) => x.misses?.length))
      console.log(`\n${r.codebase} · ${r.method}: not in the top 5\n  ${r.misses?.join('\n  ')}`)
  }
} finally {
  await sim?.close()
  for (const t of all) rmSync(t.snapshot, {recursive: true, force: true})
}
