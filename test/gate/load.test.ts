import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {baselineFromRun, isRunRef, loadBaseline, loadCurrent, parseBaseline, resolveRun} from '../../src/gate/load.js'
import {Store} from '../../src/store/store.js'

const dir = mkdtempSync(join(tmpdir(), 'oac-gate-load-'))
let store: Store
const ids: number[] = []
beforeAll(() => {
  store = Store.open(join(dir, 'oac.db'))
  const add = (kind: 'bench' | 'eval-tool-calling' | 'eval-swe', status: 'complete' | 'failed', summary: unknown) => {
    const id = store.startRun({kind, model: 'm', params: {seed: 0}})
    store.finishRun(id, status, summary)
    ids.push(id)
  }
  add('bench', 'complete', {runs: []})
  add('eval-tool-calling', 'complete', {overall: {accuracy: 0.5}})
  add('bench', 'failed', {runs: []})
  add('eval-swe', 'complete', {})
})
afterAll(() => store.close())

describe('loading runs and baselines', () => {
  it('tells run ids from file names', () => {
    expect(['last', '1', '42'].map(isRunRef)).toEqual([true, true, true])
    expect(['0', '-1', 'base.json', './12', '1.5'].map(isRunRef)).toEqual([false, false, false, false, false])
  })

  it('resolves `last` to the newest complete run of a kind, or of any kind the gate compares', () => {
    expect(resolveRun(store, 'last', 'bench').id).toBe(ids[0])
    expect(resolveRun(store, 'last', 'eval-tool-calling').id).toBe(ids[1])
    expect(resolveRun(store, 'last').id).toBe(ids[3])
    expect(() => resolveRun(store, String(ids[2]))).toThrow(/is failed, not complete/)
    expect(() => resolveRun(store, '77')).toThrow(/no run 77/)
  })

  it('makes a baseline from a run and reads it back from a file', () => {
    const baseline = baselineFromRun(resolveRun(store, String(ids[0])))
    expect(baseline).toMatchObject({oacBaseline: 1, kind: 'bench', model: 'm', params: {seed: 0}, runId: ids[0]})
    const file = join(dir, 'b.json')
    writeFileSync(file, JSON.stringify(baseline))
    expect(loadBaseline(store, file)).toEqual(baseline)
    expect(loadBaseline(store, String(ids[0]))).toEqual(baseline)
    expect(loadCurrent(store, 'last', baseline)).toEqual({
      id: ids[0],
      kind: 'bench',
      model: 'm',
      params: {seed: 0},
      summary: {runs: []},
    })
    expect(baselineFromRun(resolveRun(store, String(ids[3]))).kind).toBe('eval-swe')
  })

  it('rejects files that are not baselines', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow(/b.json is not JSON/)
    expect(() => parseBaseline('[]', 'b.json')).toThrow(/not a baseline/)
    expect(() => parseBaseline('{"kind": "bench"}', 'b.json')).toThrow(/needs kind, model and summary/)
    expect(() => loadBaseline(store, join(dir, 'none.json'))).toThrow(/no baseline file/)
  })
})
