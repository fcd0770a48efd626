import {describe, expect, it} from 'vitest'
import {escapeXml, renderJunit, renderMarkdown, renderTable} from '../../src/gate/render.js'
import type {GateResult} from '../../src/gate/types.js'

const result: GateResult = {
  status: 'fail',
  reason: '1 of 2 checks regressed',
  checks: [
    {
      metric: 'output_throughput',
      point: 'concurrency=4 rate=inf',
      baseline: 300,
      current: 250,
      change: -16.667,
      limit: -5,
      unit: '%',
      ok: false,
    },
    {metric: 'accuracy', point: 'a|b', baseline: 0.8, current: 0.81, change: 1, limit: -2, unit: 'pt', ok: true},
  ],
}

describe('renderTable', () => {
  it('prints one row per check and the verdict', () => {
    const text = renderTable(result)
    expect(text).toMatch(/output_throughput +concurrency=4 rate=inf +300\.0 +250\.0 +-16\.7% +>= -5% +REGRESSION/)
    expect(text).toMatch(/accuracy +a\|b +0\.800 +0\.810 +\+1\.0 pt +>= -2\.0 pt +ok/)
    expect(text.split('\n').at(-1)).toBe('FAIL: 1 of 2 checks regressed')
    expect(renderTable(result, false)).not.toContain('FAIL')
  })
})

describe('renderJunit', () => {
  it('writes a testcase per check and a failure per regression', () => {
    const xml = renderJunit(result)
    expect(xml).toContain('<testsuite name="oac gate" tests="2" failures="1" errors="0">')
    expect(xml.match(/<testcase /g)).toHaveLength(2)
    expect(xml.match(/<failure /g)).toHaveLength(1)
    expect(xml).toContain('name="output_throughput at concurrency=4 rate=inf"')
    expect(xml).toContain('change -16.7%, limit &gt;= -5%')
  })

  it('reports a gate that cannot compare as one errored testcase', () => {
    const xml = renderJunit({status: 'error', reason: 'no run 7 in <store>', checks: []})
    expect(xml).toContain('tests="1" failures="0" errors="1"')
    expect(xml).toContain('<error message="no run 7 in &lt;store&gt;" type="cannot-compare">')
  })

  it('escapes XML', () => {
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;')
  })
})

describe('renderMarkdown', () => {
  it('writes a heading with the verdict and a table row per check', () => {
    const md = renderMarkdown(result)
    expect(md.split('\n')[0]).toBe('### ❌ oac gate: FAIL')
    expect(md).toContain('| Metric | Point | Baseline | Current | Change | Limit | Result |')
    expect(md).toContain(
      '| output_throughput | concurrency=4 rate=inf | 300.0 | 250.0 | -16.7% | >= -5% | ❌ regression |',
    )
    expect(md).toContain('| accuracy | a\\|b | 0.800 | 0.810 | +1.0 pt | >= -2.0 pt | ✅ |')
  })

  it('has no table when nothing was compared', () => {
    const md = renderMarkdown({status: 'error', reason: 'no baseline file b.json', checks: []})
    expect(md).toContain('⚠️ oac gate: ERROR')
    expect(md).not.toContain('|')
  })
})
