// Measures the wall time of `oac --help` from the built CLI (bin/run.js + dist/ + oclif.manifest.json), as a
// user's shell starts it. Run after `npm run build`: `npx tsx bench/cli-startup.ts [runs]`.
import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'

const root = new URL('..', import.meta.url).pathname
const runs = Number(process.argv[2] ?? 21)
if (!existsSync(`${root}oclif.manifest.json`)) {
  console.error('oclif.manifest.json is missing: run `npm run build` first (the manifest is what keeps --help fast).')
  process.exit(2)
}

const times: number[] = []
for (let i = 0; i < runs + 1; i++) {
  const start = performance.now()
  const result = spawnSync(process.execPath, [`${root}bin/run.js`, '--help'], {encoding: 'utf8'})
  const elapsed = performance.now() - start
  if (result.status !== 0) throw new Error(`oac --help exited ${result.status}: ${result.stderr}`)
  if (i > 0) times.push(elapsed) // the first run warms the OS file cache
}
times.sort((a, b) => a - b)
const median = times[Math.floor(times.length / 2)]!
const node = execFileSync(process.execPath, ['--version'], {encoding: 'utf8'}).trim()
console.log(
  `oac --help over ${runs} runs (node ${node}): median ${median.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms`,
)
