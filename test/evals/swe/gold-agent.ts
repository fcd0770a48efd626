import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {expect} from 'vitest'
import {startSim} from '../../../src/engines/sim.js'
import {agentScript} from '../../../src/evals/swe/gold-script.js'
import {runSwe} from '../../../src/evals/swe/run-swe.js'
import {checkout} from '../../../src/evals/swe/workspace.js'
import {goldRules, shippedSuite} from './suite-env.js'

// The built-in agent, driven by `oac sim` playing each task's gold patch as edit/write calls, must resolve every
// task of the group; the predictions it writes must apply with `git apply` on base_commit.

export async function goldAgentResolves(prefixes: string[]) {
  const suite = await shippedSuite()
  const instances = suite.instances.filter((i) => prefixes.some((p) => i.instance_id.startsWith(p)))
  const sim = await startSim({port: 0, ttftMs: 0, itlMs: 0}, agentScript(await goldRules(instances, suite.reposDir)))
  const predictions = join(mkdtempSync(join(tmpdir(), 'oac-swe-pred-')), 'predictions.jsonl')
  try {
    const report = await runSwe({
      reposDir: suite.reposDir,
      instances: instances.map((i) => i.instance_id),
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
      predictions,
      signal: new AbortController().signal,
    })
    const unresolved = report.instances.filter((i) => i.status !== 'resolved')
    expect(unresolved).toEqual([])
    expect(report.resolved).toBe(instances.length)
    expect(report.resolved_rate).toBe(1)
    expect(report.instances.every((i) => i.turns === 2 && (i.completion_tokens ?? 0) > 0)).toBe(true)
    const lines = readFileSync(predictions, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.map((l) => l.instance_id).sort()).toEqual(instances.map((i) => i.instance_id).sort())
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['instance_id', 'model_name_or_path', 'model_patch'])
      const instance = instances.find((i) => i.instance_id === line.instance_id)!
      const ws = await checkout(suite.source(instance), instance.base_commit, join(tmpdir(), 'oac-swe-apply'))
      try {
        const applied = await execa('git', ['apply', '--check', '-'], {
          cwd: ws.dir,
          input: line.model_patch,
          reject: false,
        })
        expect(applied.exitCode, `${line.instance_id}: ${applied.stderr}`).toBe(0)
      } finally {
        await ws.dispose()
      }
    }
  } finally {
    await sim.close()
  }
}
