// Wall time of a full `oac eval tool-calling` run (all 237 cases, --concurrency 8) against `oac sim` with its
// default timing (TTFT 100 ms, 10 ms per token) answering every case with its gold calls.
// Usage: npm run build && npx tsx bench/eval-tool-calling.ts [mode]
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import type {EvalMode} from '../src/evals/tool-calling/modes.js'
import {loadSuite} from '../src/evals/tool-calling/suite.js'
import {caseScript, goldReply} from '../test/support/gold-script.js'

const root = new URL('..', import.meta.url).pathname
const mode = (process.argv[2] ?? 'native') as EvalMode
const dir = mkdtempSync(join(tmpdir(), 'oac-eval-bench-'))
const cases = loadSuite()
writeFileSync(join(dir, 'gold.yaml'), JSON.stringify(caseScript(cases, mode, (c) => goldReply(c, mode))))

const sim = execa(
  process.execPath,
  [`${root}bin/run.js`, 'sim', '--port', '0', '--context', '65536', '--script', join(dir, 'gold.yaml')],
  {reject: false},
)
const url = await new Promise<string>((resolve, reject) => {
  sim.stdout?.on('data', (d: Buffer) => {
    const m = /listening on (http:\/\/\S+)/.exec(d.toString())
    if (m?.[1]) resolve(m[1])
  })
  sim.then((r) => reject(new Error(`oac sim exited: ${r.stderr}`)))
})
const start = performance.now()
const run = await execa(
  process.execPath,
  [
    `${root}bin/run.js`,
    'eval',
    'tool-calling',
    '--endpoint',
    url,
    '--model',
    'sim-model',
    '--mode',
    mode,
    '--concurrency',
    '8',
    '--json',
    '--no-save',
  ],
  {
    env: {OAC_HOME: dir},
    reject: false,
  },
)
const seconds = (performance.now() - start) / 1000
sim.kill('SIGINT')
await sim
if (run.exitCode !== 0) throw new Error(run.stderr)
const report = JSON.parse(run.stdout)
const o = report.overall
// Parse and schema rates count the answers that made calls; over none they are null (n/a), never 100%.
const rate = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`)
console.log(
  `oac eval tool-calling, ${o.cases} cases, --mode ${mode} --concurrency 8 against oac sim: ${seconds.toFixed(1)} s wall, accuracy ${(o.accuracy * 100).toFixed(1)}%, parseable ${rate(o.parseable_rate)} and schema-valid ${rate(o.schema_valid_rate)} over ${o.calls_made} calls in ${o.answers_with_calls} answers, ${o.plain_text_answers} plain-text answers, mean latency ${o.mean_latency_ms.toFixed(0)} ms`,
)
