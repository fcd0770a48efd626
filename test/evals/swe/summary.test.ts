import {describe, expect, it} from 'vitest'
import type {AttemptResult} from '../../../src/evals/swe/result.js'
import {summarize, sweSummary} from '../../../src/evals/swe/summary.js'

const attempt = (instance_id: string, n: number, status: AttemptResult['status'], tokens: number | null = 10) =>
  ({
    instance_id,
    attempt: n,
    status,
    turns: tokens === null ? null : 2,
    prompt_tokens: tokens,
    completion_tokens: tokens,
    tool_errors: 0,
    duration_s: 2,
    agent_s: 1,
    judge_s: 1,
    model_patch: '',
    trace: '',
  }) satisfies AttemptResult

describe('SWE summary', () => {
  it('is the resolved share for one attempt each, with ids per status', () => {
    const s = summarize(
      [
        attempt('a', 0, 'resolved'),
        attempt('b', 0, 'unresolved'),
        attempt('c', 0, 'empty_patch'),
        attempt('d', 0, 'error'),
      ],
      'm',
      'builtin',
      1,
    )
    expect(s).toMatchObject({total: 4, resolved: 1, resolved_rate: 0.25, pass_hat_k: 0.25, prompt_tokens: 40})
    expect([s.resolved_ids, s.unresolved_ids, s.empty_patch_ids, s.error_ids]).toEqual([['a'], ['b'], ['c'], ['d']])
    expect(s.instances[0]).toEqual({
      instance_id: 'a',
      status: 'resolved',
      turns: 2,
      prompt_tokens: 10,
      completion_tokens: 10,
      duration_s: 2,
    })
    expect(sweSummary.parse(s)).toEqual(s)
  })

  it('averages pass@1 over k attempts; pass^k needs every attempt resolved', () => {
    const s = summarize(
      [
        attempt('a', 0, 'resolved'),
        attempt('a', 1, 'resolved'),
        attempt('b', 0, 'resolved'),
        attempt('b', 1, 'unresolved'),
      ],
      'm',
      'builtin',
      2,
    )
    expect(s.resolved).toBe(1.5)
    expect(s.resolved_rate).toBe(0.75)
    expect(s.pass_hat_k).toBe(0.5)
    expect(s.resolved_ids).toEqual(['a'])
    expect(s.unresolved_ids).toEqual(['b'])
    expect(s.instances.map((i) => i.attempt)).toEqual([0, 1, 0, 1])
  })

  it('says n/a (null) for tokens an external agent does not report', () => {
    expect(summarize([attempt('a', 0, 'resolved', null)], 'm', 'cmd:x', 1).prompt_tokens).toBeNull()
  })

  it("adds SWE-bench's run report fields, id lists sorted, incomplete ids from the planned ones", () => {
    const s = summarize(
      [
        attempt('c', 0, 'resolved'),
        attempt('a', 0, 'resolved'),
        attempt('b', 0, 'error'),
        attempt('d', 0, 'empty_patch'),
      ],
      'm',
      'builtin',
      1,
      ['e', 'd', 'c', 'b', 'a'],
    )
    expect(s).toMatchObject({
      resolved_ids: ['a', 'c'],
      total_instances: 5,
      submitted_instances: 4,
      completed_instances: 2,
      resolved_instances: 2,
      unresolved_instances: 0,
      empty_patch_instances: 1,
      error_instances: 1,
      submitted_ids: ['a', 'b', 'c', 'd'],
      completed_ids: ['a', 'c'],
      incomplete_ids: ['e'],
      schema_version: 2,
    })
  })
})
