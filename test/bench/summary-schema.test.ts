import {describe, expect, it} from 'vitest'
import {type BenchPoint, computeMetrics} from '../../src/bench/metrics.js'
import {pointScope} from '../../src/bench/point-scope.js'
import {benchSummary, storedBenchPoint, storedBenchSummary, storedMicroResult} from '../../src/bench/summary.js'
import type {RequestSample} from '../../src/bench/types.js'

// One schema per stored summary: what `oac bench` stores is what the report and the gate read back.

const sample = (idx: number, ok: boolean): RequestSample => ({
  idx,
  ok,
  ...(ok ? {} : {error: 'HTTP 500'}),
  sentAt: idx * 0.1,
  promptTokens: 100,
  expectedPromptTokens: 100,
  outputTokens: ok ? 20 : 0,
  usageEstimated: false,
  ttftMs: 50 + idx,
  e2eMs: 250 + idx,
  itlMs: [10, 10, 10],
  clientQueueMs: 0,
})

describe('the bench summary schema', () => {
  it('accepts a point as the sweep computes it, with failures grouped', () => {
    const samples = [sample(0, true), sample(1, true), sample(2, false)]
    const point: BenchPoint = {
      model: 'm',
      endpoint: 'http://127.0.0.1:1/v1',
      max_concurrency: 4,
      request_rate: 'inf',
      num_prompts: 3,
      seed: 0,
      interrupted: false,
      ...computeMetrics(samples, 1.5),
      scope: pointScope({dataset: 'coding', size: 24, warmup: 4, samples, interrupted: false}),
    }
    expect(point.scope).toMatchObject({dataset_size: 24, covered: 2, requests: 3, failed: 1, tokens: 'usage'})
    expect(point.errors).toEqual({'HTTP 500': 1})
    expect(benchSummary.parse({runs: [point]})).toEqual({runs: [point]})
    expect(benchSummary.safeParse({runs: [{...point, request_rate: 'fast'}]}).success).toBe(false)
  })

  it('reads stored entries that lack figures, and micro results saved under the old names', () => {
    expect(storedBenchSummary.safeParse({overall: {}}).success).toBe(false)
    const old = storedMicroResult.parse({test: 'pp512', tokens_per_s: 900, repetitions: 'five'})
    expect(old.avg_ts ?? old.tokens_per_s).toBe(900)
    expect(old.repetitions).toBeUndefined()
    expect(storedMicroResult.safeParse({max_concurrency: 1}).success).toBe(false)
    const point = storedBenchPoint.parse({max_concurrency: 'one', output_throughput: 12.5})
    expect(point.max_concurrency).toBeUndefined()
    expect(point.output_throughput).toBe(12.5)
  })
})
