// Measures the wall time of `oac --help` from the built CLI (bin/run.js + dist/ + oclif.manifest.json) the ways a user
// starts it: `./oac` (the launcher the README uses), `node bin/run.js`, and `npx oac` (npm resolves the package,
// copies the project into its cache the first time, then starts node). Run after `npm run build`:
// `npx tsx bench/cli-startup.ts [runs] [--no-npx]`.
import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'

const root = new URL('..', import.meta.url).pathname
const args = process.argv.slice(2)
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 21)
if (!existsSync(`${root}oclif.manifest.json`)) {
  console.error('oclif.manifest.json is missing: run `npm run build` first (the manifest is what keeps --help fast).')
  process.exit(2)
}

const ways: {name: string; command: string; args: string[]; runs: number}[] = [
  {name: './oac --help', command: `${root}oac`, args: ['--help'], runs},
  {name: 'node bin/run.js --help', command: process.execPath, args: [`${root}bin/run.js`, '--help'], runs},
]
// npx costs about a second a call, so it gets fewer runs.
if (!args.includes('--no-npx')) ways.push({name: 'npx oac --help', command: 'npx', args: ['oac', '--help'], runs: 7})

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const node = execFileSync(process.execPath, ['--version'], {encoding: 'utf8'}).trim()
const medians: Record<string, number> = {}
for (const way of ways) {
  const times: number[] = []
  for (let i = 0; i < way.runs + 1; i++) {
    const start = performance.now()
    const result = spawnSync(way.command, way.args, {cwd: root, encoding: 'utf8'})
    const elapsed = performance.now() - start
    if (result.status !== 0) throw new Error(`${way.name} exited ${result.status}: ${result.stderr}`)
    if (i > 0) times.push(elapsed) // the first run warms the OS file cache (and, for npx, fills its cache)
  }
  medians[way.name] = median(times)
  console.log(
    `${way.name.padEnd(24)} over ${way.runs} runs (node ${node}): median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
  )
}
const base = medians['node bin/run.js --help']!
for (const [name, ms] of Object.entries(medians))
  if (name !== 'node bin/run.js --help') console.log(`${name}: ${(ms / base).toFixed(2)}× node bin/run.js`)
