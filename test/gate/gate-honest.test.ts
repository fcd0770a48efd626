import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {GateResult} from '../../src/gate/types.js'
import {Store} from '../../src/store/store.js'
import {overwriteLastPages} from '../support/corrupt-store.js'
import {runCli} from '../support/run-cli.js'

// Exit 1 means a regression and nothing else: every way the gate cannot compare is exit 2.

const point = (concurrency: number, throughput: number) => ({
  model: 'qwen3-coder',
  max_concurrency: concurrency,
  request_rate: 'inf',
  output_throughput: throughput,
  p99_ttft_ms: 50,
  mean_tpot_ms: 10,
})
const benchParams = {dataset: 'random', inputLen: 1024, outputLen: 128, concurrency: [1, 8], requestRates: ['inf']}

/** A store with bench runs of the given throughputs and params, oldest first; returns the home and the run ids. */
function storeWith(runs: {throughput: number; params?: object; samples?: number}[]) {
  const home = mkdtempSync(join(tmpdir(), 'oac-gate-honest-'))
  const store = Store.open(join(home, 'oac.db'))
  const ids = runs.map((r) => {
    const id = store.startRun({kind: 'bench', model: 'qwen3-coder', params: r.params ?? benchParams})
    for (let i = 0; i < (r.samples ?? 0); i++) store.addSample(id, {idx: i, ok: true, data: {text: 'x'.repeat(100)}})
    store.finishRun(id, 'complete', {runs: [point(1, r.throughput), point(8, r.throughput * 6)]})
    return id
  })
  store.close()
  return {home, ids}
}
const gate = (home: string, ...args: string[]) => runCli(['gate', ...args], {env: {OAC_HOME: home}})

describe('oac gate exit codes', {timeout: 60_000}, () => {
  it('--baseline last is the newest complete run before the one checked, not the run itself', async () => {
    const {home, ids} = storeWith([{throughput: 100}, {throughput: 50}])
    const [last, explicit] = await Promise.all([
      gate(home, '--baseline', 'last', '--json'),
      gate(home, '--baseline', 'last', '--current', String(ids[1]), '--json'),
    ])
    for (const {exitCode, stdout} of [last, explicit]) {
      expect(exitCode).toBe(1)
      expect((JSON.parse(stdout) as GateResult).reason).toContain(`run ${ids[1]} vs baseline run ${ids[0]}`)
    }
    const first = await gate(home, '--baseline', 'last', '--current', String(ids[0]))
    expect(first.exitCode).toBe(2)
    expect(first.stderr).toMatch(new RegExp(`no complete bench run before run ${ids[0]}`))
    const itself = await gate(home, '--baseline', String(ids[1]), '--current', String(ids[1]))
    expect(itself.exitCode).toBe(2)
    expect(itself.stderr).toMatch(/with itself/)
  })

  it('refuses runs of different workloads (exit 2, naming the difference) unless --allow-workload-change', async () => {
    const {home, ids} = storeWith([
      {throughput: 100},
      {throughput: 100, params: {...benchParams, dataset: 'coding', outputLen: 256}},
    ])
    const refused = await gate(home, '--baseline', String(ids[0]), '--json')
    expect(refused.exitCode).toBe(2)
    expect(refused.stderr).toMatch(/dataset random → coding/)
    expect(refused.stderr).toMatch(/outputLen 128 → 256/)
    expect(refused.stderr).toMatch(/--allow-workload-change/)
    expect((JSON.parse(refused.stdout) as GateResult).status).toBe('error')
    const allowed = await gate(home, '--baseline', String(ids[0]), '--allow-workload-change')
    expect(allowed.exitCode).toBe(0)
  })

  it('cannot compare with a store that is not a database or is partly overwritten (exit 2, names the file)', async () => {
    const garbage = mkdtempSync(join(tmpdir(), 'oac-gate-garbage-'))
    writeFileSync(join(garbage, 'oac.db'), 'not sqlite '.repeat(500))
    const partly = storeWith([{throughput: 100}, {throughput: 100, samples: 400}])
    overwriteLastPages(join(partly.home, 'oac.db'), 3)
    const results = await Promise.all([
      gate(garbage, '--baseline', 'last'),
      gate(partly.home, '--baseline', String(partly.ids[0])),
      gate(partly.home, '--export', 'last'),
    ])
    for (const [i, {exitCode, stderr}] of results.entries()) {
      expect(exitCode, `case ${i}: ${stderr}`).toBe(2)
      expect(stderr).toContain(`${i === 0 ? garbage : partly.home}/oac.db is damaged`)
    }
  })

  it('exits 2, not 1, when the JUnit report cannot be written, and says why', async () => {
    const {home, ids} = storeWith([{throughput: 100}, {throughput: 50}])
    const blocker = join(home, 'a-file')
    writeFileSync(blocker, '')
    const {exitCode, stderr} = await gate(home, '--baseline', String(ids[0]), '--junit', join(blocker, 'gate.xml'))
    expect(exitCode).toBe(2)
    expect(stderr).toContain(`cannot write the JUnit report ${join(blocker, 'gate.xml')}`)
    expect(stderr).toMatch(/1 of 2 checks regressed|checks regressed/)
  })
})
