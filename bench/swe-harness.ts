// Harness overhead of `oac eval swe` per task, and the shipped suite's wall time with a scripted agent.
// 1. Per task, without any agent: checkout of base_commit (git worktree), the model patch taken from that
//    workspace (here the gold patch, applied as an agent would have written it), and the judge (fresh checkout,
//    patch, test_patch reset, FAIL_TO_PASS + PASS_TO_PASS). Tasks run one at a time.
// 2. The whole suite with the built-in agent driven by `oac sim` playing each gold patch as edit/write calls, -j 2.
// Usage: npx tsx bench/swe-harness.ts
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {startSim} from '../src/engines/sim.js'
import {agentScript} from '../src/evals/swe/gold-script.js'
import {judge} from '../src/evals/swe/judge.js'
import {applyPatch, modelPatch} from '../src/evals/swe/model-patch.js'
import {runSwe} from '../src/evals/swe/run-swe.js'
import {checkout} from '../src/evals/swe/workspace.js'
import {goldRules, shippedSuite} from '../test/evals/swe/suite-env.js'

const suite = await shippedSuite()
const work = mkdtempSync(join(tmpdir(), 'oac-swe-bench-'))
const ms = (from: number) => performance.now() - from
const rows: {id: string; language: string; checkout: number; judge: number; status: string}[] = []
for (const instance of suite.instances) {
  const t0 = performance.now()
  const ws = await checkout(suite.source(instance), instance.base_commit, work)
  await applyPatch(ws.dir, instance.patch)
  const patch = await modelPatch(ws.dir, instance.base_commit)
  await ws.dispose()
  const checkoutMs = ms(t0)
  const t1 = performance.now()
  const verdict = await judge(instance, patch, {source: suite.source(instance), workRoot: work, timeoutMs: 120_000})
  rows.push({
    id: instance.instance_id,
    language: instance.language ?? '?',
    checkout: checkoutMs,
    judge: ms(t1),
    status: verdict.status,
  })
}
console.log('Harness overhead per task (checkout + model patch, judge; no agent), one task at a time')
console.log(`${'task'.padEnd(36)}${'checkout'.padStart(10)}${'judge'.padStart(10)}${'total'.padStart(10)}  verdict`)
for (const r of rows)
  console.log(
    `${r.id.padEnd(36)}${`${r.checkout.toFixed(0)} ms`.padStart(10)}${`${r.judge.toFixed(0)} ms`.padStart(10)}${`${(r.checkout + r.judge).toFixed(0)} ms`.padStart(10)}  ${r.status}`,
  )
for (const language of [...new Set(rows.map((r) => r.language))]) {
  const of = rows.filter((r) => r.language === language).map((r) => r.checkout + r.judge)
  const sorted = [...of].sort((a, b) => a - b)
  const mean = of.reduce((a, b) => a + b, 0) / of.length
  console.log(
    `${language}: ${of.length} tasks, overhead mean ${(mean / 1000).toFixed(2)} s, median ${((sorted[Math.floor(of.length / 2)] ?? 0) / 1000).toFixed(2)} s, max ${((sorted.at(-1) ?? 0) / 1000).toFixed(2)} s (goal for JavaScript: < 2 s)`,
  )
}

const sim = await startSim(
  {port: 0, ttftMs: 0, itlMs: 0},
  agentScript(await goldRules(suite.instances, suite.reposDir)),
)
const started = performance.now()
const report = await runSwe({
  reposDir: suite.reposDir,
  agent: 'builtin',
  endpoint: sim.baseUrl,
  model: 'sim-model',
  repeat: 1,
  concurrency: 2,
  maxTurns: 5,
  tokenBudget: 0,
  agentTimeoutS: 120,
  testTimeoutS: 120,
  save: false,
  signal: new AbortController().signal,
})
const wall = ms(started) / 1000
await sim.close()
const sum = report.instances.reduce((s, i) => s + i.duration_s, 0)
console.log(
  `\nSuite with the scripted gold agent (built-in agent + oac sim), -j 2: ${report.resolved}/${report.total} resolved, wall ${wall.toFixed(1)} s, ${(wall / report.total).toFixed(2)} s per task; attempts add up to ${sum.toFixed(1)} s (x${(sum / wall).toFixed(2)} from -j 2)`,
)
