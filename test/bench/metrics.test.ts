import {describe, expect, it} from 'vitest'
import {randomPrompts} from '../../src/bench/datasets/random.js'
import {computeMetrics, tpotOf} from '../../src/bench/metrics.js'
import {parseIntList, parseRates, parseSlo} from '../../src/bench/parse-flags.js'
import {distribution, percentile} from '../../src/bench/stats.js'
import type {RequestSample} from '../../src/bench/types.js'
import {countPromptTokens} from '../../src/llm/prompt-tokens.js'

const sample = (over: Partial<RequestSample>): RequestSample => ({
  idx: 0,
  ok: true,
  sentAt: 0,
  promptTokens: 100,
  expectedPromptTokens: 100,
  outputTokens: 11,
  usageEstimated: false,
  ttftMs: 100,
  e2eMs: 200,
  itlMs: [10, 10],
  clientQueueMs: 0,
  ...over,
})

describe('bench statistics', () => {
  it('matches numpy: linear-interpolated percentiles and population std', () => {
    // numpy.percentile([1,2,3,4,10], 90) = 7.6; numpy.std([1,2,3,4,10]) = 3.1622776601683795
    expect(percentile([1, 2, 3, 4, 10], 90)).toBeCloseTo(7.6, 10)
    expect(distribution([1, 2, 3, 4, 10])).toEqual({
      mean: 4,
      median: 3,
      std: expect.closeTo(3.16227766, 7),
      p90: expect.closeTo(7.6, 10),
      p99: expect.closeTo(9.76, 10),
    })
    expect(distribution([])).toEqual({mean: 0, median: 0, std: 0, p90: 0, p99: 0})
  })

  it("computes vLLM's figures from raw samples", () => {
    const samples = [
      sample({idx: 0, ttftMs: 100, e2eMs: 200, outputTokens: 11, itlMs: [10, 10, 80]}),
      sample({
        idx: 1,
        ttftMs: 300,
        e2eMs: 700,
        outputTokens: 21,
        promptTokens: 50,
        expectedPromptTokens: 50,
        itlMs: [20],
      }),
      sample({idx: 2, ok: false, error: 'HTTP 500: boom', outputTokens: 0}),
      sample({idx: 3, ok: false, error: 'HTTP 500: boom', outputTokens: 0}),
    ]
    const m = computeMetrics(samples, 2, {ttft: 200})
    expect(m).toMatchObject({
      completed: 2,
      failed: 2,
      total_input_tokens: 150,
      total_output_tokens: 32,
      request_throughput: 1,
      output_throughput: 16,
      total_token_throughput: 91,
      request_goodput: 0.5,
      mean_ttft_ms: 200,
      // TPOT per request: (200-100)/10 = 10 and (700-300)/20 = 20
      mean_tpot_ms: 15,
      mean_itl_ms: 30,
      median_itl_ms: 15,
      mean_e2el_ms: 450,
      output_tokens_source: 'usage',
      prompt_token_mismatches: 0,
      errors: {'HTTP 500: boom': 2},
    })
    expect(tpotOf(sample({outputTokens: 1}))).toBeUndefined()
  })

  it('labels estimated output counts and counts prompt-token mismatches', () => {
    const m = computeMetrics([sample({usageEstimated: true}), sample({promptTokens: 120})], 1)
    expect(m.output_tokens_source).toBe('estimated')
    expect(m.prompt_token_mismatches).toBe(1)
    expect(m.request_goodput).toBeUndefined()
  })
})

describe('bench figures per upstream', () => {
  it("groups a router's successful replies by the upstream that answered, leaving failures to the totals", () => {
    const m = computeMetrics(
      [
        sample({idx: 0, upstream: 'b/m', ttftMs: 30, e2eMs: 300, outputTokens: 5}),
        sample({idx: 1, upstream: 'a/m', ttftMs: 10, e2eMs: 100, outputTokens: 7}),
        sample({idx: 2, upstream: 'a/m', ttftMs: 20, e2eMs: 200, outputTokens: 9}),
        sample({idx: 3, ok: false, error: 'boom'}),
      ],
      1,
    )
    expect(m.upstreams).toEqual({
      'a/m': {
        completed: 2,
        share: 2 / 3,
        output_tokens: 16,
        mean_ttft_ms: 15,
        median_ttft_ms: 15,
        mean_e2el_ms: 150,
        p99_e2el_ms: 199,
      },
      'b/m': {
        completed: 1,
        share: 1 / 3,
        output_tokens: 5,
        mean_ttft_ms: 30,
        median_ttft_ms: 30,
        mean_e2el_ms: 300,
        p99_e2el_ms: 300,
      },
    })
    expect(Object.keys(m.upstreams ?? {})).toEqual(['a/m', 'b/m'])
  })

  it('has no upstream figures when no reply named an upstream (not the router)', () => {
    expect(computeMetrics([sample({})], 1).upstreams).toBeUndefined()
  })
})

describe('bench inputs', () => {
  it('builds random prompts of exactly the asked prompt tokens, each distinct', () => {
    const prompts = randomPrompts(5, 300, 64, 7)
    for (const p of prompts) expect(countPromptTokens(p.messages)).toBe(300)
    expect(new Set(prompts.map((p) => p.messages[0]?.content)).size).toBe(5)
    expect(randomPrompts(2, 300, 64, 7)[1]).toEqual(prompts[1])
    expect(() => randomPrompts(1, 5, 1, 1)).toThrow(/Expected --input-len above/)
  })

  it('parses sweep lists, rates and SLOs, naming what was wrong', () => {
    expect(parseIntList('concurrency', '1,4,16')).toEqual([1, 4, 16])
    expect(() => parseIntList('concurrency', '1,x')).toThrow(
      'Expected --concurrency to be positive integers separated by commas, got `1,x`',
    )
    expect(parseRates('inf,2.5')).toEqual([Number.POSITIVE_INFINITY, 2.5])
    expect(() => parseRates('0')).toThrow(/--request-rate/)
    expect(parseSlo('ttft=500,tpot=50')).toEqual({ttft: 500, tpot: 50})
    expect(() => parseSlo('latency=3')).toThrow(/Expected --slo like ttft=500,tpot=50/)
  })
})
