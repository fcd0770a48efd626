// Speed of the code index on this machine, lexical mode unless noted:
//   repo   index a snapshot of oac's own repository (git archive of HEAD), from nothing
//   tree   index a generated tree of 10,000 files (TypeScript, Python, Go, markdown), then re-index after one change
//   query  search 100,000 chunks in 10,000 files with 768-dim `oac sim` embeddings: p50/p95 of hybrid, lexical and
//          vector queries (each query ranks files: file-level and chunk-level full text, names, vectors)
// Run: `npx tsx bench/rag-speed.ts [repo] [tree] [query]` (all three without arguments).
import {execSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {simEmbedding} from '../src/engines/sim/embeddings.js'
import {startSim} from '../src/engines/sim.js'
import {buildIndex} from '../src/rag/build-index.js'
import {CodeSearch, type SearchMode} from '../src/rag/code-search.js'
import {createEmbedder} from '../src/rag/embedder.js'
import {type ChunkRow, IndexStore} from '../src/rag/index-store.js'
import {chunkTerms, fileTerms} from '../src/rag/terms.js'

const root = new URL('..', import.meta.url).pathname
const parts = process.argv.slice(2).length ? process.argv.slice(2) : ['repo', 'tree', 'query']
const temp = (name: string) => mkdtempSync(join(tmpdir(), `oac-rag-${name}-`))
const WORDS =
  'request reply stream token model engine config parse load save index search chunk vector query cache retry error timeout file path user session agent tool call result metric latency throughput budget plan profile memory'.split(
    ' ',
  )
// A fixed LCG, so every run generates the same tree and chunks.
let seed = 42
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0
  return seed / 2 ** 32
}
const word = () => WORDS[Math.floor(rand() ** 2 * WORDS.length)] as string
const ident = () => word() + word().replace(/^./, (c) => c.toUpperCase())
const sentence = (n: number) => Array.from({length: n}, word).join(' ')

function generatedFile(i: number): [string, string] {
  const dir = `pkg${Math.floor(i / 100)}`
  switch (i % 4) {
    case 0:
      return [
        `${dir}/m${i}.ts`,
        Array.from(
          {length: 4},
          () =>
            `/** ${sentence(8)} */\nexport function ${ident()}${i}(a: string): string {\n  // ${sentence(6)}\n  return a\n}\n`,
        ).join('\n'),
      ]
    case 1:
      return [
        `${dir}/m${i}.py`,
        `class ${ident()}${i}:\n    """${sentence(8)}"""\n\n${Array.from({length: 3}, () => `    def ${word()}_${word()}(self, x):\n        # ${sentence(6)}\n        return x\n`).join('\n')}`,
      ]
    case 2:
      return [
        `${dir}/m${i}.go`,
        `package ${dir}\n\n${Array.from({length: 3}, () => `// ${sentence(8)}\nfunc ${ident()}${i}(x int) int {\n\treturn x\n}\n`).join('\n')}`,
      ]
    default:
      return [`${dir}/notes${i}.md`, `# ${sentence(3)}\n${sentence(30)}\n\n## ${sentence(2)}\n${sentence(30)}\n`]
  }
}

async function benchRepo() {
  const dir = temp('repo')
  execSync(`git archive HEAD | tar -x -C ${dir}`, {cwd: root})
  const r = await buildIndex({root: dir})
  console.log(
    `repo: oac's own source, ${r.files} files → ${r.chunks} chunks in ${r.seconds.toFixed(1)} s (${(r.files / r.seconds).toFixed(0)} files/s), ${r.skipped.length} skipped`,
  )
  rmSync(dir, {recursive: true, force: true})
}

async function benchTree() {
  const dir = temp('tree')
  for (let i = 0; i < 10_000; i++) {
    const [path, text] = generatedFile(i)
    mkdirSync(join(dir, path, '..'), {recursive: true})
    writeFileSync(join(dir, path), text)
  }
  const r = await buildIndex({root: dir})
  console.log(
    `tree: 10,000 generated files → ${r.chunks} chunks in ${r.seconds.toFixed(1)} s (${(r.files / r.seconds).toFixed(0)} files/s)`,
  )
  // CPU seconds beside wall seconds: on a shared box the wall time grows with the load, the CPU time much less.
  const timed = async (run: () => Promise<{seconds: number; indexed: number}>) => {
    const cpu = process.cpuUsage()
    const r = await run()
    const used = process.cpuUsage(cpu)
    return {...r, cpu: `${r.seconds.toFixed(2)} s (CPU ${((used.user + used.system) / 1e6).toFixed(2)} s)`}
  }
  writeFileSync(join(dir, 'pkg7/m700.ts'), 'export function changedJustNow() {\n  return 1\n}\n')
  const again = await timed(() => buildIndex({root: dir}))
  const same = await timed(() => buildIndex({root: dir}))
  writeFileSync(join(dir, 'pkg7/m704.ts'), 'export function changedAgain() {\n  return 2\n}\n')
  const second = await timed(() => buildIndex({root: dir}))
  // As `oac index --watch` does it: the index stays open between runs.
  const store = await IndexStore.open(dir, {create: false})
  await buildIndex({root: dir, store})
  writeFileSync(join(dir, 'pkg7/m701.py'), 'def changed_just_now():\n    return 1\n')
  const watched = await timed(() => buildIndex({root: dir, store}))
  store.close()
  console.log(
    `tree: re-index after one changed file ${again.cpu} as a new index run (${again.indexed} re-chunked), ` +
      `${second.cpu} for the next change; ${watched.cpu} with the index open (--watch); nothing changed ${same.cpu}`,
  )
  rmSync(dir, {recursive: true, force: true})
}

/** The 100,000 chunks in 10,000 files, with 768-dim sim vectors and every index built. */
async function writeQueryIndex(dir: string, simUrl: string): Promise<void> {
  const store = await IndexStore.open(dir, {create: true})
  const began = performance.now()
  const N = 100_000
  for (let start = 0; start < N; start += 5000) {
    const rows: ChunkRow[] = []
    const vectors: {hash: string; vector: number[]}[] = []
    const files = new Map<string, {symbols: string[]; texts: string[]}>()
    for (let i = start; i < start + 5000; i++) {
      const name = `${ident()}${i}`
      const text = `export function ${name}(input: string) {\n  // ${sentence(12)}\n  return ${word()}(input)\n}`
      const chunk = {
        path: `pkg${Math.floor(i / 1000)}/m${Math.floor(i / 10)}.ts`,
        symbol: name,
        kind: 'function',
        signature: `export function ${name}(input: string)`,
        startLine: 1,
        endLine: 4,
        text,
      }
      const hash = `h${i}`
      rows.push({
        path: chunk.path,
        symbol: name,
        name: name.toLowerCase(),
        kind: 'function',
        signature: chunk.signature,
        start: 1,
        end: 4,
        hash,
        text,
        terms: chunkTerms(chunk),
      })
      vectors.push({hash, vector: simEmbedding(`${chunk.path}\n${name}\n${text}`)})
      const file = files.get(chunk.path) ?? {symbols: [], texts: []}
      file.symbols.push(name)
      file.texts.push(text)
      files.set(chunk.path, file)
    }
    await store.addFiles([...files].map(([path, f]) => ({path, terms: fileTerms(path, f.symbols, f.texts.join('\n'))})))
    await store.addChunks(rows)
    await store.addVectors(vectors)
  }
  store.manifest.embedding = {endpoint: simUrl, model: 'sim-model', dim: 768}
  await store.saveManifest()
  const loaded = (performance.now() - began) / 1000
  const t = performance.now()
  const {ann} = await store.maintain(true)
  console.log(
    `query: 100,000 chunks (10,000 files) + 768-dim vectors written in ${loaded.toFixed(1)} s; full-text${ann ? ' + IVF-PQ' : ''} indices built in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  )
  store.close()
}

// RAG_SPEED_QUERY_DIR=/tmp/q keeps the 100,000-chunk index there and reuses it on the next run: building it takes
// minutes (over 20 on a loaded 2-core box), and the queries can then be timed again when the machine is quiet.
const keptDir = process.env.RAG_SPEED_QUERY_DIR

async function benchQuery() {
  const dir = keptDir ?? temp('query')
  const sim = await startSim({port: 0, ttftMs: 0, itlMs: 0})
  try {
    if (!keptDir || !existsSync(join(dir, '.oac/index/manifest.json'))) await writeQueryIndex(dir, sim.baseUrl)
    else {
      // A kept index gets what `oac index` gives an unchanged index: the indices and compaction of this version.
      const store = await IndexStore.open(dir, {create: false})
      await store.maintain(false)
      await store.recordFiles()
      store.close()
    }
    const search = await CodeSearch.open(dir, createEmbedder(sim.baseUrl, 'sim-model'))
    for (const mode of ['hybrid', 'lexical', 'vector'] as SearchMode[]) {
      const times: number[] = []
      for (let i = 0; i < 110; i++) {
        const q = i % 2 ? `${word()} ${word()} ${word()} ${word()}` : ident()
        const t0 = performance.now()
        await search.search(q, {k: 10, mode})
        if (i >= 10) times.push(performance.now() - t0)
      }
      times.sort((a, b) => a - b)
      const p = (f: number) => (times[Math.floor(f * (times.length - 1))] as number).toFixed(1)
      console.log(
        `query: ${mode.padEnd(7)} p50 ${p(0.5)} ms, p95 ${p(0.95)} ms over ${times.length} queries${mode === 'lexical' ? '' : ' (query embedding over HTTP included)'}`,
      )
    }
    search.close()
  } finally {
    await sim.close()
    if (!keptDir) rmSync(dir, {recursive: true, force: true})
  }
}

console.log(
  `load average ${execSync('cat /proc/loadavg').toString().split(' ').slice(0, 3).join(' ')} on ${execSync('nproc').toString().trim()} cores`,
)
if (parts.includes('repo')) await benchRepo()
if (parts.includes('tree')) await benchTree()
if (parts.includes('query')) await benchQuery()
