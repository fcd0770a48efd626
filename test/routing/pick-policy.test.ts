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
    toolAccuracy: {...f(0.9), mode: 'native', dataset: 'suite'},
    sweResolved: {...f(0.4), agent: 'builtin', dataset: 'swe:suite'},
  })
  const small = candidate('small', {
    decodeTokS: f(150),
    codingP90TtftMs: f(200),
    medianTtftMs: f(60),
    toolAccuracy: {...f(0.95), mode: 'native', dataset: 'suite'},
    sweResolved: {...f(0.2), agent: 'builtin', dataset: 'swe:suite'},
  })
  const slow = candidate('huge', {
    decodeTokS: f(8),
    codingP90TtftMs: f(4000),
    toolAccuracy: {...f(0.99), mode: 'native', dataset: 'suite'},
    sweResolved: {...f(0.6), agent: 'builtin', dataset: 'swe:suite'},
  })

  it('agent: SWE resolved rate first (over tool accuracy), among models above the speed floor', () => {
    const d = pickAgent([small, slow, coder], defaultPolicy)
    expect(d.model).toBe('coder')
    expect(d.reason).toContain('highest SWE resolved rate (40.0% on swe:suite, builtin agent)')
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
    expect(d.ranking[0]?.excludedBy).toBe('no TTFT evidence on the whole coding set')
  })

  it('fast: lowest TTFT among models whose tool accuracy reaches the floor', () => {
    expect(pickFast([coder, small], defaultPolicy).model).toBe('small')
    const sloppy = {...small, toolAccuracy: {...f(0.3), mode: 'native', dataset: 'suite'}}
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

/** The scope of a run over the whole tool-calling suite (237 cases). */
const suiteScope = () => ({
  dataset: 'suite',
  dataset_size: 237,
  covered: 237,
  selection: null,
  requests: 237,
  failed: 0,
  repeat: 1,
  retries: 0,
  tokens: 'usage',
  interrupted: false,
})

/** A bench point at concurrency `c` over the whole 24-prompt coding set, unless `scope` or `figures` say otherwise. */
const point = (c: number, scope: object = {}, figures: object = {}) => ({
  max_concurrency: c,
  completed: 4,
  median_tpot_ms: c === 1 ? 20 : 50,
  median_ttft_ms: 100,
  p90_ttft_ms: 180,
  ...figures,
  scope: {...suiteScope(), dataset: 'coding', dataset_size: 24, covered: 24, requests: 24, ...scope},
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
    summary: {mode: 'native', overall: {accuracy: 0.5, cases: 10}, categories: {}, scope: suiteScope()},
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
      run(2, {summary: {mode: 'native', overall: {accuracy: 0.7, cases: 10}, categories: {}, scope: suiteScope()}}),
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

  it('decode speed is 1000 / median TPOT at concurrency 1 on the whole coding set; other datasets are not used', () => {
    const runs = [
      run(1, {kind: 'bench', summary: {runs: [point(1, {dataset: 'random', dataset_size: null}), point(8)]}}),
      run(2, {kind: 'bench', summary: {runs: [point(8)]}}),
    ]
    const [c] = gatherCandidates(runs, [endpoint], 'box')
    expect(c?.decodeTokS).toBeUndefined()
    expect(c?.codingP90TtftMs).toBeUndefined()
    expect(c?.ignored[0]?.reason).toBe('speed at concurrency 1 measured random, not the coding set')
    const [full] = gatherCandidates([run(3, {kind: 'bench', summary: {runs: [point(1), point(8)]}})], [endpoint], 'box')
    expect(full?.decodeTokS?.value).toBe(50)
    expect(full?.codingP90TtftMs?.value).toBe(180)
  })

  it('p90 TTFT comes from the run covering the whole coding set, not a later 4-prompt run of it (issue row 7)', () => {
    const runs = [
      run(1, {kind: 'bench', summary: {runs: [point(1, {}, {p90_ttft_ms: 5425})]}}),
      run(2, {kind: 'bench', summary: {runs: [point(1, {covered: 4, requests: 4}, {p90_ttft_ms: 554})]}}),
    ]
    const [c] = gatherCandidates(runs, [endpoint], 'box')
    expect(c?.codingP90TtftMs).toMatchObject({value: 5425, runId: 1})
    expect(c?.ignored.at(-1)?.reason).toBe(
      'speed at concurrency 1 covers 4 of 24 items of coding, not the whole of the coding set',
    )
    const d = pickAgent(c ? [{...c, toolAccuracy: {...f(0.9), mode: 'native', dataset: 'suite'}}] : [], defaultPolicy)
    expect(d.chosen).toBeUndefined()
    expect(d.ranking[0]?.excludedBy).toBe('p90 TTFT 5425.0 ms > ceiling 5000 ms')
    // Only the partial run: no evidence, and the command that measures the whole set.
    const [partial] = gatherCandidates(runs.slice(1), [endpoint], 'box')
    const p = pickAgent(partial ? [partial] : [], defaultPolicy)
    expect(p.ranking[0]?.excludedBy).toBe(
      'no decode-speed evidence on the whole coding set (run #2 covers 4 of 24 items of coding, not the whole of the coding set)',
    )
    expect(p.missing).toContain('oac bench --endpoint http://h/v1 --model m --dataset coding --concurrency 1')
  })

  it('a one-chunk decode is not measured: excluded with the reason, never above the floor (issue row 6)', () => {
    const runs = [run(1, {kind: 'bench', summary: {runs: [point(1, {}, {median_tpot_ms: null})]}})]
    const [c] = gatherCandidates(runs, [endpoint], 'box')
    expect(c?.decodeTokS).toBeUndefined()
    const withTools = c ? {...c, toolAccuracy: {...f(0.9), mode: 'native', dataset: 'suite'}} : undefined
    for (const d of [
      pickAgent(withTools ? [withTools] : [], defaultPolicy),
      pickFast(withTools ? [withTools] : [], defaultPolicy),
    ]) {
      expect(d.chosen).toBeUndefined()
      expect(d.ranking[0]?.excludedBy).toBe(
        'decode speed not measured (run #1: no reply streamed in two or more chunks over time)',
      )
    }
  })

  it('tool accuracy comes from the whole suite, not a later irrelevance-only run (issue row 8)', () => {
    const narrow = {...suiteScope(), covered: 25, requests: 25, selection: '--category irrelevance'}
    const runs = [
      run(1, {summary: {mode: 'native', overall: {accuracy: 0.565, cases: 237}, categories: {}, scope: suiteScope()}}),
      run(2, {summary: {mode: 'native', overall: {accuracy: 1, cases: 25}, categories: {}, scope: narrow}}),
    ]
    const [c] = gatherCandidates(runs, [endpoint], 'box')
    expect(c?.toolAccuracy).toMatchObject({value: 0.565, runId: 1})
    const [only] = gatherCandidates(runs.slice(1), [endpoint], 'box')
    expect(only?.toolAccuracy).toBeUndefined()
    expect(only?.partial?.tools).toBe(
      'run #2 covers 25 of 237 items of suite, --category irrelevance, not the whole of its tool-calling suite',
    )
    // An imported file run in full is its own dataset: ranked only against runs of that file.
    const bfcl = {...suiteScope(), dataset: 'bfcl:x.json', dataset_size: 4, covered: 4, requests: 4}
    const [file] = gatherCandidates(
      [run(3, {summary: {mode: 'native', overall: {accuracy: 1, cases: 4}, categories: {}, scope: bfcl}})],
      [endpoint],
      'box',
    )
    expect(file?.toolAccuracy).toMatchObject({value: 1, dataset: 'bfcl:x.json'})
  })

  it('the SWE rate comes from the whole dataset, not a later --limit 1 run (issue row 9)', () => {
    const swe = (resolved: number, total: number, covered: number) => ({
      model: 'm',
      agent: 'builtin',
      total,
      resolved,
      resolved_rate: resolved / total,
      scope: {
        ...suiteScope(),
        dataset: 'swe:suite',
        dataset_size: 30,
        covered,
        requests: covered,
        selection: covered < 30 ? '1 of 30 instances (--instances or --limit)' : null,
      },
    })
    const runs = [
      run(1, {kind: 'eval-swe', summary: swe(3, 30, 30)}),
      run(2, {kind: 'eval-swe', summary: swe(1, 1, 1)}),
    ]
    const [c] = gatherCandidates(runs, [endpoint], 'box')
    expect(c?.sweResolved).toMatchObject({value: 0.1, runId: 1, dataset: 'swe:suite'})
  })

  it('an unregistered URL that served another engine earlier does not mix its figures in', () => {
    const runs = [
      run(1, {endpointId: undefined, engine: 'llamacpp'}),
      run(2, {endpointId: undefined, engine: 'vllm', kind: 'bench', summary: {runs: [point(1)]}}),
    ]
    const [c] = gatherCandidates(runs, [], 'box')
    expect(c?.toolAccuracy).toBeUndefined()
    expect(c?.ignored[0]?.reason).toBe('measured with engine llamacpp; the endpoint last ran vllm')
  })
})

describe('route pick ties and datasets', () => {
  const base = {
    codingP90TtftMs: f(500),
    toolAccuracy: {...f(0.9), mode: 'native', dataset: 'suite'},
    sweResolved: {...f(0.5), agent: 'builtin', dataset: 'swe:suite'},
  }

  it('a tie goes to the faster model, not the alphabetically first', () => {
    const slow = candidate('aaa-slow', {...base, decodeTokS: f(30), medianTtftMs: f(400)})
    const quick = candidate('zzz-fast', {...base, decodeTokS: f(90), medianTtftMs: f(100)})
    expect(pickAgent([slow, quick], defaultPolicy).model).toBe('zzz-fast')
    expect(
      pickLongContext(
        [
          {...slow, contextLength: 8192, longContextAccuracy: f(0.9)},
          {...quick, contextLength: 8192, longContextAccuracy: f(0.9)},
        ],
        defaultPolicy,
      ).model,
    ).toBe('zzz-fast')
  })

  it('ranks SWE rates on one dataset: a rate on another dataset is not compared with the suite', () => {
    const onSuite = candidate('a', {...base, decodeTokS: f(40), medianTtftMs: f(100)})
    const onOwn = candidate('b', {
      ...base,
      decodeTokS: f(40),
      medianTtftMs: f(100),
      sweResolved: {...f(1), agent: 'builtin', dataset: 'swe:mine.jsonl'},
    })
    const again = candidate('c', {...onSuite, sweResolved: {...f(0.2), agent: 'builtin', dataset: 'swe:suite'}})
    const d = pickAgent([onSuite, onOwn, again], defaultPolicy)
    expect(d.model).toBe('a')
    expect(d.ranking.find((r) => r.model === 'b')?.figures.swe_resolved).toBeNull()
  })

  it('marks a decode speed from estimated token counts, in the figures and the reason', () => {
    const est = candidate('e', {...base, decodeTokS: {...f(40), estimated: true}, medianTtftMs: f(100)})
    const d = pickAgent([est], defaultPolicy)
    expect(d.ranking[0]?.estimated).toEqual(['decode_tok_s'])
    expect(d.reason).toContain('its decode speed rests on estimated token counts')
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
    sweResolved: {value: 0.3, runId: 2, at: '', agent: 'builtin', dataset: 'swe:suite'},
    toolAccuracy: {value: 0.95, runId: 3, at: '', mode: 'native', dataset: 'suite'},
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
    expect(d.ranking[1]?.excludedBy).toBe('no SWE evidence on swe:suite (weighted)')
  })
})
