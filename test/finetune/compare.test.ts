import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {ScriptRule} from '../../src/engines/sim/script.js'
import {startSim} from '../../src/engines/sim.js'
import {DONE_RULE} from '../../src/evals/swe/gold-script.js'
import {compareModels} from '../../src/finetune/compare/compare.js'
import {type Fixture, fixtureRepo, row, writeDataset} from '../evals/swe/fixture-repo.js'

// `oac finetune compare` end to end: one `oac sim` plays three models, scripted to resolve different sets of five
// held-out tasks (each task the fixture's add fix; a model that resolves a task answers it with the fix as an edit
// call, one that does not says there is nothing to change). The built-in agent and the real judge run every task.
// base resolves none, tuned all five (keep), tuned-b one (no measurable gain: the interval holds zero).

const TASKS = [1, 2, 3, 4, 5].map((n) => `Task ${n}: add() must add its arguments.`)
const FIX_CALL = {name: 'edit', arguments: {path: 'lib.js', old_string: 'a - b', new_string: 'a + b'}}
const RESOLVES: Record<string, number[]> = {base: [], tuned: [1, 2, 3, 4, 5], 'tuned-b': [1]}

let fixture: Fixture
let dataset: string
let sim: Awaited<ReturnType<typeof startSim>>
const home = mkdtempSync(join(tmpdir(), 'oac-ft-compare-home-'))
const saved = process.env.OAC_HOME

beforeAll(async () => {
  process.env.OAC_HOME = home
  fixture = await fixtureRepo()
  // Four train tasks and the five held out: only the eval split is compared.
  dataset = writeDataset([
    row(fixture, 'train-1', 'Old task.', {split: 'train'}),
    ...TASKS.map((t, i) => row(fixture, `held-${i + 1}`, t, {split: 'eval'})),
  ])
  const rules: ScriptRule[] = Object.entries(RESOLVES).flatMap(([model, resolved]) =>
    TASKS.map((_, i) => ({
      match: {lastUser: `^Task ${i + 1}:`, model},
      reply: resolved.includes(i + 1) ? {content: 'Fixing.', toolCalls: [FIX_CALL]} : {content: 'Nothing to change.'},
    })),
  )
  // The tool-calling cases get the same plain answer from every model: tool calling neither gains nor regresses.
  sim = await startSim(
    {port: 0, ttftMs: 0, itlMs: 0, models: Object.keys(RESOLVES)},
    {mode: 'match', rules: [DONE_RULE, ...rules, {reply: {content: 'No tool needed.'}}]},
  )
})

afterAll(async () => {
  await sim?.close()
  process.env.OAC_HOME = saved
})

const compare = (tuned: string) =>
  compareModels({
    dataset,
    reposDir: fixture.reposDir,
    endpoint: sim.baseUrl,
    base: 'base',
    tuned,
    agent: 'builtin',
    concurrency: 3,
    maxTurns: 4,
    toolLimit: 3,
    signal: new AbortController().signal,
  })

describe('finetune compare', () => {
  it('keeps a tuned model that resolves held-out tasks its base does not', async () => {
    const r = await compare('tuned')
    expect(r.tasks).toEqual(['held-1', 'held-2', 'held-3', 'held-4', 'held-5'])
    expect(r.base).toMatchObject({model: 'base', resolved: 0})
    expect(r.tuned).toMatchObject({model: 'tuned', resolved: 5})
    expect(r.base.tool_accuracy).toBe(r.tuned.tool_accuracy)
    expect(r.swe).toMatchObject({n: 5, gained: 5, lost: 0, diff: 1, lo: 1, hi: 1})
    expect(r.verdict).toBe('keep')
    expect(typeof r.tuned.swe_run).toBe('number')
  }, 180_000)

  it('says "no measurable gain" when the resolved sets barely differ', async () => {
    const r = await compare('tuned-b')
    expect(r.tuned.resolved).toBe(1)
    // One gained task in five: a resample misses it with probability (4/5)^5 = 0.33, so the interval holds zero.
    expect(r.swe).toMatchObject({n: 5, gained: 1, lost: 0, diff: 0.2, lo: 0, hi: 0.6})
    expect(r.verdict).toBe('no measurable gain')
  }, 180_000)
})
