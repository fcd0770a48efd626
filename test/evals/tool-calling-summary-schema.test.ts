import {describe, expect, it} from 'vitest'
import type {Attempt} from '../../src/evals/tool-calling/runner.js'
import {
  storedCategorySummary,
  storedToolCallingSummary,
  summarize,
  toolCallingSummary,
} from '../../src/evals/tool-calling/summary.js'

// One schema per stored summary: what `oac eval tool-calling` stores is what the report and the gate read back.

const attempt = (id: string, category: string, repeat: number, passed: boolean): Attempt => ({
  id,
  category,
  repeat,
  retries: passed ? 0 : 1,
  recovered: false,
  cut: false,
  latencyMs: 100,
  promptTokens: 10,
  completionTokens: 5,
  tokensEstimated: false,
  calls: [{name: 'get_weather', arguments: '{}'}],
  expectsCall: true,
  passed,
  passedAfterRepair: passed,
  ...(passed ? {} : {reason: 'wrong argument'}),
  parseable: true,
  repaired: false,
  schemaValid: true,
  rightFunction: passed,
  retryable: !passed,
})

describe('the tool-calling summary schema', () => {
  it('accepts what summarize writes, with repeats and retries', () => {
    const attempts = [
      attempt('a', 'simple', 0, true),
      attempt('a', 'simple', 1, false),
      attempt('b', 'multiple', 0, true),
    ]
    const summary = summarize(attempts, 'm', 'native', 2, 1)
    expect(toolCallingSummary.parse(summary)).toEqual(summary)
    expect(summary.overall.k).toBe(2)
    expect(summary.overall.retry_attempted).toBe(1)
  })

  it('reads a stored summary that lacks figures or holds one of the wrong type', () => {
    const stored = storedToolCallingSummary.parse({overall: {accuracy: 0.5, cases: 'many'}, categories: {simple: {}}})
    expect(stored.overall.accuracy).toBe(0.5)
    expect(stored.overall.cases).toBeUndefined()
    expect(storedCategorySummary.parse(stored.categories?.simple).accuracy).toBeUndefined()
  })

  it('rejects a summary with no overall object', () => {
    expect(storedToolCallingSummary.safeParse({runs: []}).success).toBe(false)
    expect(storedToolCallingSummary.safeParse({overall: [1]}).success).toBe(false)
    expect(storedToolCallingSummary.safeParse(null).success).toBe(false)
  })
})
