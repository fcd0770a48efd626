import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {renderEval} from '../../src/evals/tool-calling/render.js'
import {type EvalOptions, runToolCallingEval} from '../../src/evals/tool-calling/run-eval.js'
import {loadSuite} from '../../src/evals/tool-calling/suite.js'
import {caseScript, goldReply} from '../support/gold-script.js'

// Rates over calls are rates over calls: a model that made none has no parse or schema rate ("n/a"), and a run
// where nearly every answer is plain text says so instead of printing 100%.

process.env.OAC_HOME = mkdtempSync(join(tmpdir(), 'oac-eval-rates-'))
const sims: RunningSim[] = []
afterAll(async () => {
  for (const s of sims) await s.close()
})
const options = (sim: RunningSim, over: Partial<EvalOptions> = {}): EvalOptions => ({
  endpoint: sim.url,
  model: 'sim-model',
  mode: 'native',
  categories: ['simple', 'irrelevance'],
  limit: 8,
  repeat: 1,
  concurrency: 4,
  retryOnError: 0,
  save: false,
  signal: new AbortController().signal,
  ...over,
})

describe('tool-calling rates', () => {
  it('are n/a over zero calls, and the summary says nearly every answer was plain text (oac sim without a script)', async () => {
    const sim = await startSim({port: 0, ttftMs: 1, itlMs: 0, models: ['sim-model']})
    sims.push(sim)
    const report = await runToolCallingEval(options(sim))
    expect(report.overall.calls_made).toBe(0)
    expect(report.overall.parseable_rate).toBeNull()
    expect(report.overall.schema_valid_rate).toBeNull()
    expect(report.overall.plain_text_answers).toBeGreaterThan(0)
    expect(report.overall.warning).toMatch(/plain text/)
    expect(report.overall.warning).toMatch(/tool parser|oac sim/)
    const text = renderEval(report)
    expect(text).toContain('parseable n/a and schema-valid n/a of 0 answers that made calls')
    expect(text).not.toMatch(/parseable 100/)
    expect(text).toMatch(/plain text/)
  }, 60_000)

  it('count only the answers that made calls, and stay quiet when the model calls tools', async () => {
    const cases = loadSuite({categories: ['simple', 'irrelevance'], limit: 8})
    const sim = await startSim(
      {port: 0, ttftMs: 1, itlMs: 0, models: ['sim-model']},
      caseScript(cases, 'native', (c) => (c.id.endsWith('1') ? {content: 'no idea'} : goldReply(c, 'native'))),
    )
    sims.push(sim)
    const report = await runToolCallingEval(options(sim))
    const calling = cases.filter((c) => !c.id.endsWith('1') && c.expected.length > 0).length
    expect(report.overall.calls_made).toBeGreaterThan(0)
    expect(report.overall.answers_with_calls).toBe(calling)
    expect(report.overall.parseable_rate).toBe(1)
    expect(report.overall.schema_valid_rate).toBe(1)
    expect(report.overall.warning).toBeUndefined()
  }, 60_000)
})
