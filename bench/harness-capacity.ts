// How many concurrent streams can `oac bench` measure before its own overhead shows in the figures?
// Drives `oac sim --itl-ms 20` (its own process) at rising concurrency and reports how much the measured mean ITL
// exceeds the 20 ms the simulator sends at: that excess is harness overhead (client and simulator together, so the
// figure is conservative). Usage: npx tsx bench/harness-capacity.ts [max-concurrency]
import {execa} from 'execa'
import {type BenchPoint, runBench} from '../src/bench/run-bench.js'

const ITL_MS = 20
const root = new URL('..', import.meta.url).pathname
const limit = Number(process.argv[2] ?? 512)
const levels = [1, 16, 32, 64, 128, 192, 256, 320, 384, 512].filter((c) => c <= limit)

const sim = execa(
  process.execPath,
  [
    '--import',
    'tsx',
    `${root}bin/dev.js`,
    'sim',
    '--port',
    '0',
    '--ttft-ms',
    '50',
    '--itl-ms',
    String(ITL_MS),
    '--max-seqs',
    '4096',
  ],
  {cwd: root, reject: false},
)
const url = await new Promise<string>((resolve, reject) => {
  sim.stdout?.on('data', (d: Buffer) => {
    const m = /listening on (http:\/\/\S+)/.exec(d.toString())
    if (m?.[1]) resolve(m[1])
  })
  sim.then((r) => reject(new Error(`oac sim exited: ${r.stderr}`)))
})

console.log(
  `oac bench harness capacity against oac sim --itl-ms ${ITL_MS} (node ${process.version}, ${(await import('node:os')).cpus().length} cores)`,
)
console.log('concurrency  mean ITL ms  overhead ms  p99 ITL ms  mean TPOT ms  output tok/s')
let best = 0
for (const concurrency of levels) {
  const report = await runBench({
    endpoint: url,
    model: 'sim-model',
    concurrency: [concurrency],
    requestRates: [Number.POSITIVE_INFINITY],
    numPrompts: concurrency * 2,
    dataset: 'random',
    inputLen: 64,
    outputLen: 100,
    outputLenSet: true,
    ignoreEos: true,
    mode: 'serve',
    save: false,
    seed: 1,
    signal: new AbortController().signal,
  })
  const p = report.runs[0] as BenchPoint
  const overhead = (p.mean_itl_ms ?? Number.NaN) - ITL_MS
  if (overhead < 1 && p.failed === 0) best = concurrency
  console.log(
    `${String(concurrency).padStart(11)}  ${(p.mean_itl_ms ?? Number.NaN).toFixed(2).padStart(11)}  ${overhead.toFixed(2).padStart(11)}  ${(p.p99_itl_ms ?? Number.NaN).toFixed(2).padStart(10)}  ${(p.mean_tpot_ms ?? Number.NaN).toFixed(2).padStart(12)}  ${p.output_throughput.toFixed(0).padStart(12)}`,
  )
}
console.log(`largest concurrency with harness overhead under 1 ms of ITL: ${best}`)
sim.kill('SIGINT')
await sim
