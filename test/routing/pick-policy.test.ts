import {describe, expect, it} from 'vitest'
import {pickEmbeddings} from '../../src/routing/pick/embeddings.js'
import {gatherCandidates} from '../../src/routing/pick/evidence.js'
import {pickAgent, pickFast, pickLongContext} from '../../src/routing/pick/policy.js'
import {type Candidate, defaultPolicy} from '../../src/routing/pick/types.js'
import type {Endpoint, Run} from '../../src/store/types.js'

const f = (value: number, runId = 1) => ({value, runId, at: '2026-11-30T00:00:00Z'})
function candidate(model: string, figures: Partial<Candidate>): Candidate {
  return {id: `${model}@http://h/v1`, model, endpointUrl: 'http://h/v1', ignored: [], ...figures}
}

describe('route pick policy', () => {
  const coder = candidate('coder', {
    decodeTokS: f(40),
    codingP90TtftMs: f(900),
    medianTtftMs: f(300),
    toolAccuracy: {...f(0.9), mode: 'native'},
    sweResolved: {...f(0.4), agent: 'builtin'},
  })
  const small = candidate('small', {
    decodeTokS: f(150),
    codingP90TtftMs: f(200),
    medianTtftMs: f(60),
    toolAccuracy: {...f(0.95), mode: 'native'},
    sweResolved: {...f(0.2), agent: 'builtin'},
  })
  const slow = candidate('huge', {
    decodeTokS: f(8),
    codingP90TtftMs: f(4000),
    toolAccuracy: {...f(0.99), mode: 'native'},
    sweResolved: {...f(0.6), agent: 'builtin'},
  })

  it('agent: SWE resolved rate first (over tool accuracy), among models above the speed floor', () => {
    const d = pickAgent([small, slow, coder], defaultPolicy)
    expect(d.model).toBe('coder')
    expect(d.reason).toContain('highest SWE resolved rate (40.0%, builtin agent)')
    expect(d.ranking.map((r) => [r.model, r.excludedBy])).toEqual([
      ['coder', undefined],
      ['small', undefined],
      ['huge', 'decode 8.00 tok/s < floor 20 tok/s'],
    ])
    expect(pickAgent([slow], {...defaultPolicy, minDecodeTokS: 5}).model).toBe('huge')
  })

  it('agent: a TTFT ceiling excludes, and missing figures are named with the command that measures them', () => {
    expect(pickAgent([coder], {...defaultPolicy, maxCodingP90TtftMs: 500}).ranking[0]?.excludedBy).toBe(
      'p90 TTFT 900.0 ms > ceiling 500 ms',
    )
    const bare = candidate('bare', {decodeTokS: f(50)})
    const d = pickAgent([bare], defaultPolicy)
    expect(d.chosen).toBeUndefined()
    expect(d.missing).toEqual([
      'oac bench --endpoint http://h/v1 --model bare --dataset coding --concurrency 1',
      'oac eval swe --endpoint http://h/v1 --model bare',
    ])
  })

  it('fast: lowest TTFT among models whose tool accuracy reaches the floor', () => {
    expect(pickFast([coder, small], defaultPolicy).model).toBe('small')
    const sloppy = {...small, toolAccuracy: {...f(0.3), mode: 'native'}}
    const d = pickFast([coder, sloppy], defaultPolicy)
    expect(d.model).toBe('coder')
    expect(d.ranking[1]?.excludedBy).toBe('tool-calling accuracy 30.0% < floor 60.0%')
  })

  it('long_context: the largest context with acceptable long_context accuracy', () => {
    const a = candidate('a', {contextLength: 131_072, longContextAccuracy: f(0.3)})
    const b = candidate('b', {contextLength: 65_536, longContextAccuracy: f(0.8)})
    const c = candidate('c', {contextLength: 32_768, longContextAccuracy: f(0.9)})
    const d = pickLongContext([a, b, c], defaultPolicy)
    expect(d.model).toBe('b')
    expect(d.ranking.at(-1)?.excludedBy).toBe('long_context accuracy 30.0% < floor 50.0%')
  })

  it('embeddings: the first model that is up; none up says so', () => {
    const up = pickEmbeddings([
      {model: 'bge-m3', url: 'http://a/v1', up: false, error: 'ECONNREFUSED'},
      {model: 'nomic-embed-text-v1.5', url: 'http://b/v1', up: true, dimensions: 768},
    ])
    expect(up.model).toBe('nomic-embed-text-v1.5')
    expect(pickEmbeddings([{model: 'e', url: 'u', up: false, error: 'x'}]).reason).toBe(
      'every registered embedding endpoint is down',
    )
  })

  it('embeddings: the model that retrieves best on the latest evaluated repository, when there are retrieval runs', () => {
    const figures = (r5: number) => ({questions: 40, recallAt5: r5, recallAt10: r5, mrrAt10: r5 - 0.1})
    const retrieval = (id: number, model: string, root: string, hybrid: number): Run => ({
      id,
      kind: 'eval-retrieval',
      status: 'complete',
      startedAt: `2026-11-30T00:00:0${id}Z`,
      model,
      params: {},
      summary: {
        root,
        source: 'history',
        commit: null,
        questions: 40,
        embedding: {model, endpoint: 'http://x/v1'},
        modes: {lexical: figures(0.5), hybrid: figures(hybrid)},
        baseline: {bm25: figures(0.4)},
      },
    })
    const probes = [
      {model: 'nomic-embed-text-v1.5', url: 'http://b/v1', up: true, dimensions: 768},
      {model: 'bge-m3', url: 'http://a/v1', up: true, dimensions: 1024},
      {model: 'e5-large', url: 'http://c/v1', up: false, error: 'ECONNREFUSED'},
    ]
    const runs = [
      retrieval(1, 'e5-large', '/src/app', 0.95),
      retrieval(2, 'nomic-embed-text-v1.5', '/src/app', 0.7),
      retrieval(3, 'bge-m3', '/src/app', 0.8),
      retrieval(4, 'nomic-embed-text-v1.5', '/src/other', 0.99),
      retrieval(5, 'nomic-embed-text-v1.5', '/src/app', 0.72),
    ]
    const d = pickEmbeddings(probes, runs)
    expect(d.model).toBe('bge-m3')
    expect(d.reason).toBe('retrieves best on app: recall@5 0.80, MRR@10 0.70 (run 3)')
    expect(d.ranking.map((r) => [r.model, r.figures.recallAt5, r.runIds])).toEqual([
      ['bge-m3', 0.8, [3]],
      ['nomic-embed-text-v1.5', 0.72, [5]],
      ['e5-large', 0.95, [1]],
    ])
    expect(pickEmbeddings(probes.slice(0, 2)).missing).toEqual([
      'oac eval retrieval --endpoint URL --model EMBEDDING_MODEL  (which embedding model finds this code best)',
    ])
  })
})

describe('route pick evidence', () => {
  const run = (id: number, over: Partial<Run>): Run => ({
    id,
    kind: 'eval-tool-calling',
    status: 'complete',
    startedAt: `2026-11-30T00:00:0${id}Z`,
    model: 'm',
    endpointUrl: 'http://h/v1',
    endpointId: 1,
    engine: 'vllm',
    params: {},
    hardwareFingerprint: 'box',
    quantization: 'awq',
    summary: {mode: 'native', overall: {accuracy: 0.5, cases: 10}, categories: {}},
    ...over,
  })
  const endpoint: Endpoint = {
    id: 1,
    url: 'http://h/v1',
    model: 'm',
    engine: 'vllm',
    quantization: 'awq',
    contextLength: 32_768,
    createdAt: '',
    updatedAt: '',
  }

  it('takes the newest figure, and ignores other hardware, another engine or quantization, and zero-case runs', () => {
    const runs = [
      run(1, {}),
      run(2, {summary: {mode: 'native', overall: {accuracy: 0.7, cases: 10}, categories: {}}}),
      run(3, {hardwareFingerprint: 'other', summary: {mode: 'native', overall: {accuracy: 1, cases: 10}}}),
      run(4, {engine: 'llamacpp'}),
      run(5, {quantization: 'fp8'}),
      run(6, {summary: {mode: 'native', overall: {accuracy: null, cases: 0}, categories: {}}}),
    ]
    const [c] = gatherCandidates(runs, [endpoint], 'box')
    expect(c?.toolAccuracy).toMatchObject({value: 0.7, runId: 2})
    expect(c?.contextLength).toBe(32_768)
    expect(c?.ignored.map((i) => i.runId)).toEqual([3, 4, 5])
    expect(c?.ignored[1]?.reason).toBe('measured with engine llamacpp; the endpoint now runs vllm')
    expect(c?.ignored[2]?.reason).toBe('measured at quantization fp8; the endpoint now serves awq')
  })

  it('decode speed is 1000 / median TPOT at concurrency 1; coding p90 TTFT only from the coding dataset', () => {
    const point = (c: number) => ({
      max_concurrency: c,
      completed: 4,
      median_tpot_ms: c === 1 ? 20 : 50,
      median_ttft_ms: 100,
      p90_ttft_ms: 180,
    })
    const runs = [
      run(1, {kind: 'bench', params: {dataset: 'random'}, summary: {runs: [point(1), point(8)]}}),
      run(2, {kind: 'bench', params: {dataset: 'coding'}, summary: {runs: [point(8)]}}),
    ]
    const [c] = gatherCandidates(runs, [endpoint], 'box')
    expect(c?.decodeTokS?.value).toBe(50)
    expect(c?.codingP90TtftMs).toBeUndefined()
  })
})

describe('route pick weights', () => {
  const a = {
    id: 'a@h',
    model: 'a',
    endpointUrl: 'h',
    ignored: [],
    decodeTokS: {value: 40, runId: 1, at: ''},
    codingP90TtftMs: {value: 500, runId: 1, at: ''},
    sweResolved: {value: 0.3, runId: 2, at: '', agent: 'builtin'},
    toolAccuracy: {value: 0.95, runId: 3, at: '', mode: 'native'},
  }
  const b = {
    ...a,
    id: 'b@h',
    model: 'b',
    sweResolved: {...a.sweResolved, value: 0.35},
    toolAccuracy: {...a.toolAccuracy, value: 0.5},
  }

  it('weights change the agent ranking: SWE first by default, the weighted sum when given', () => {
    expect(pickAgent([a, b], defaultPolicy).model).toBe('b')
    const weighted = pickAgent([a, b], {...defaultPolicy, agentWeights: {swe: 1, tool: 0.5}})
    expect(weighted.model).toBe('a')
    expect(weighted.ranking[0]?.figures.weighted_score).toBeCloseTo(0.775, 6)
    expect(weighted.reason).toContain(
      'highest weighted score (0.775 = 1 × SWE resolved 30.0% + 0.5 × tool-calling accuracy 95.0%)',
    )
  })

  it('a weighted figure that is missing excludes the candidate instead of counting as 0', () => {
    const {sweResolved: _, ...noSwe} = a
    const d = pickAgent([noSwe, b], {...defaultPolicy, agentWeights: {swe: 1, tool: 0.5}})
    expect(d.model).toBe('b')
    expect(d.ranking[1]?.excludedBy).toBe('no SWE evidence (weighted)')
  })
})
