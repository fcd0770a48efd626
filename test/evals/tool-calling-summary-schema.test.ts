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

  it('pass^k and flakiness count only cases whose k attempts finished (an interrupted --repeat run)', () => {
    // Case b was cut short after one passing attempt: neither passed k times nor failed, it is left out.
    const attempts = [attempt('a', 'simple', 0, true), attempt('a', 'simple', 1, true), attempt('b', 'simple', 0, true)]
    const {overall} = summarize(attempts, 'm', 'native', 2, 0)
    expect(overall).toMatchObject({k: 2, complete_groups: 1, pass_hat_k: 1, flakiness: 0})
    expect(summarize([attempt('b', 'simple', 0, true)], 'm', 'native', 2, 0).overall.pass_hat_k).toBeNull()
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
