// Measures what opening the results store costs as it grows, integrity check (PRAGMA quick_check) included, next to
// the same open without the check: `npx tsx bench/store-open.ts [samples...]` (default 10000 100000).
import {mkdtempSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import {Store} from '../src/store/store.js'

const sizes = process.argv.slice(2).map(Number)
const dir = mkdtempSync(join(tmpdir(), 'oac-store-open-'))
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

try {
  for (const samples of sizes.length ? sizes : [10_000, 100_000]) {
    const file = join(dir, `oac-${samples}.db`)
    const store = Store.open(file)
    const runId = store.startRun({kind: 'bench', model: 'm', params: {}})
    // A bench request as it is stored: timings, token counts and its inter-token latencies.
    const data = {ttft: 151.2, e2e: 960.4, outputTokens: 64, itl: Array.from({length: 64}, (_, i) => 12 + (i % 3))}
    store.addSamples(
      runId,
      Array.from({length: samples}, (_, idx) => ({idx, ok: true, data})),
    )
    store.finishRun(runId, 'complete', {runs: []})
    store.close()
    const withCheck: number[] = []
    const without: number[] = []
    for (let i = 0; i < 7; i++) {
      let start = performance.now()
      Store.open(file).close()
      withCheck.push(performance.now() - start)
      start = performance.now()
      const db = new Database(file)
      db.pragma('user_version')
      db.pragma('journal_mode = WAL')
      db.close()
      without.push(performance.now() - start)
    }
    const mib = statSync(file).size / 2 ** 20
    console.log(
      `${samples} samples (${mib.toFixed(0)} MiB): open with quick_check median ${median(withCheck).toFixed(1)} ms, without ${median(without).toFixed(1)} ms`,
    )
  }
} finally {
  rmSync(dir, {recursive: true, force: true})
}
