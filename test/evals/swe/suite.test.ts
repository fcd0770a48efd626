import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadDataset} from '../../../src/evals/swe/dataset.js'
import {buildInstance} from '../../../src/evals/swe/suite-repos.js'
import {loadTaskSpecs, readTree, SUITE_DIR} from '../../../src/evals/swe/suite-spec.js'

// The shipped suite's shape: what it covers, and dataset.jsonl agreeing with the task folders it is built from.

describe('shipped SWE suite', () => {
  const specs = loadTaskSpecs()
  const dataset = loadDataset(join(SUITE_DIR, 'dataset.jsonl'))

  it('has at least 30 tasks of every kind, in JavaScript and Python, one project of 40+ files', () => {
    expect(specs.length).toBeGreaterThanOrEqual(30)
    const kinds = new Set(specs.map((s) => s.kind))
    expect([...kinds].sort()).toEqual(['feature', 'multi-file', 'one-line', 'search', 'single-file', 'tempting'])
    expect(new Set(specs.map((s) => s.language))).toEqual(new Set(['javascript', 'python']))
    for (const s of specs.filter((s) => s.kind === 'search'))
      expect(readTree(join(SUITE_DIR, 'projects', s.project)).size).toBeGreaterThanOrEqual(40)
    for (const s of specs.filter((s) => s.kind === 'multi-file')) {
      const row = dataset.find((i) => i.instance_id === s.instanceId)
      expect(row?.patch.match(/^diff --git/gm)?.length, s.instanceId).toBeGreaterThanOrEqual(2)
    }
  })

  it('dataset.jsonl is what the task folders build (same base commits, patches and tests)', async () => {
    const built = await Promise.all(specs.map((s) => buildInstance(s)))
    expect(dataset).toEqual(built)
  })

  it('never shows the gold patch to the agent: tempting tasks keep their failing test visible at base', () => {
    for (const s of specs.filter((s) => s.kind === 'tempting')) {
      const before = readFileSync(join(s.dir, 'before', s.tests[0] as string), 'utf8')
      expect(
        s.FAIL_TO_PASS.some((t) => before.includes(t.split('.').pop() as string)),
        s.instanceId,
      ).toBe(true)
    }
  })
})
