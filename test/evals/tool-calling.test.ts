import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import type {ScriptReply} from '../../src/engines/sim/script.js'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {importBfcl} from '../../src/evals/tool-calling/bfcl/import.js'
import {checkCase} from '../../src/evals/tool-calling/checker.js'
import type {EvalMode} from '../../src/evals/tool-calling/modes.js'
import {type EvalOptions, runToolCallingEval} from '../../src/evals/tool-calling/run-eval.js'
import {loadSuite, parseCases, type ToolCase} from '../../src/evals/tool-calling/suite.js'
import {countPromptTokens} from '../../src/llm/prompt-tokens.js'
import {caseScript, goldReply} from '../support/gold-script.js'

process.env.OAC_HOME = mkdtempSync(join(tmpdir(), 'oac-eval-'))
const suite = loadSuite()
const byId = (id: string) => suite.find((c) => c.id === id) as ToolCase
const sims: RunningSim[] = []
afterAll(async () => {
  for (const s of sims) await s.close()
})

async function simFor(cases: ToolCase[], mode: EvalMode, reply: (c: ToolCase) => ScriptReply): Promise<RunningSim> {
  const sim = await startSim({port: 0, ttftMs: 1, itlMs: 0, context: 65_536}, caseScript(cases, mode, reply))
  sims.push(sim)
  return sim
}

const options = (sim: RunningSim, over: Partial<EvalOptions> = {}): EvalOptions => ({
  endpoint: sim.url,
  model: 'sim-model',
  mode: 'native',
  repeat: 1,
  concurrency: 8,
  retryOnError: 0,
  save: false,
  signal: new AbortController().signal,
  ...over,
})

describe('the tool-calling suite', () => {
  it('has at least 200 original cases in every category, with unique ids', () => {
    expect(suite.length).toBeGreaterThanOrEqual(200)
    expect(new Set(suite.map((c) => c.id)).size).toBe(suite.length)
    const categories = new Set(suite.map((c) => c.category))
    for (const name of [
      'simple',
      'multiple',
      'parallel',
      'parallel_multiple',
      'irrelevance',
      'multi_turn',
      'coding_tools',
      'long_context',
      'args_hard',
    ])
      expect(categories).toContain(name)
  })

  it('pads long_context cases with 16k-32k tokens of code before the request', () => {
    const long = suite.filter((c) => c.category === 'long_context')
    for (const c of long) expect(countPromptTokens(c.messages, c.tools)).toBeGreaterThan(16_000)
  })

  it('names the file, line and field of a malformed case', () => {
    expect(() =>
      parseCases('bad.jsonl', '{"id": "x", "category": "simple", "messages": [], "tools": [], "expected": []}\n'),
    ).toThrow(/bad\.jsonl:1: `messages`: /)
  })
})

describe('scoring against oac sim', () => {
  it('scores 100% when the sim answers every case with its gold calls (native mode)', async () => {
    const sim = await simFor(suite, 'native', (c) => goldReply(c, 'native'))
    const report = await runToolCallingEval(options(sim))
    expect(report.failures).toEqual([])
    expect(report.overall).toMatchObject({
      cases: suite.length,
      accuracy: 1,
      parseable_rate: 1,
      schema_valid_rate: 1,
      right_function_rate: 1,
    })
    expect(Object.keys(report.categories)).toHaveLength(9)
  }, 60_000)

  it.each(['hermes', 'qwen3_coder', 'json'] as const)(
    'scores right answers printed as %s text in --mode text',
    async (format) => {
      const cases = suite.filter((c) => ['simple', 'parallel', 'irrelevance', 'args_hard'].includes(c.category))
      const sim = await simFor(cases, 'text', (c) => goldReply(c, 'text', format))
      const report = await runToolCallingEval(
        options(sim, {mode: 'text', categories: ['simple', 'parallel', 'irrelevance', 'args_hard']}),
      )
      expect(report.failures).toEqual([])
      expect(report.overall.accuracy).toBe(1)
    },
    60_000,
  )

  it('scores constrained JSON answers in --mode constrained', async () => {
    const cases = suite.filter((c) => c.category === 'multi_turn')
    const sim = await simFor(cases, 'constrained', (c) => goldReply(c, 'constrained'))
    const report = await runToolCallingEval(options(sim, {mode: 'constrained', categories: ['multi_turn']}))
    expect(report.overall.accuracy).toBe(1)
  })

  it('catches each kind of wrong answer with the right reason', async () => {
    const wrong: Record<string, ScriptReply> = {
      'simple-001': {
        toolCalls: [{name: 'get_weather_forecast', arguments: {city: 'Lisbon', days: '3', units: 'metric'}}],
      },
      'simple-002': {toolCalls: [{name: 'convert_currency', arguments: {from_currency: 'CHF', to_currency: 'JPY'}}]},
      'irrelevance-001': {toolCalls: [{name: byId('irrelevance-001').tools[0]?.function.name ?? '', arguments: {}}]},
      'simple-003': {toolCalls: [{name: 'launch_missiles', arguments: {}}]},
      'simple-004': {toolCalls: [{name: byId('simple-004').expected[0]?.name ?? '', arguments: 'city=Paris&days=3'}]},
      'simple-005': {content: 'I think the answer is 42.'},
    }
    const cases = Object.keys(wrong).map(byId)
    const sim = await simFor(cases, 'native', (c) => wrong[c.id] as ScriptReply)
    const report = await runToolCallingEval(options(sim, {categories: ['simple', 'irrelevance'], limit: 5}))
    const reasons = Object.fromEntries(report.failures.map((f) => [f.id, f.reason]))
    expect(reasons['simple-001']).toMatch(/parameter `days`: expected integer/)
    expect(reasons['simple-002']).toMatch(/missing required parameter `amount`/)
    expect(reasons['irrelevance-001']).toMatch(/^made a call on irrelevance/)
    expect(reasons['simple-003']).toBe('unknown function `launch_missiles`')
    expect(reasons['simple-004']).toMatch(/^unparseable arguments for `/)
    expect(reasons['simple-005']).toMatch(/^no call made \(expected `/)
    expect(report.overall.parseable_rate).toBeLessThan(1)
  })

  it('measures recovery when validation errors are fed back (--retry-on-error)', async () => {
    const c = byId('simple-001')
    const script = caseScript([c], 'native', () => ({
      toolCalls: [{name: 'get_weather_forecast', arguments: {city: 'Lisbon', days: 'three'}}],
    }))
    script.rules.unshift({match: {last: '^Error: '}, reply: goldReply(c, 'native')})
    const sim = await startSim({port: 0, ttftMs: 1, itlMs: 0}, script)
    sims.push(sim)
    const report = await runToolCallingEval(
      options(sim, {categories: ['simple'], limit: 1, retryOnError: 1, repeat: 2}),
    )
    // The headline is the first answers' accuracy; what feedback fixed is its own figure.
    expect(report.overall).toMatchObject({
      accuracy: 0,
      accuracy_with_retries: 1,
      retry_attempted: 2,
      retry_recovered: 2,
      pass_hat_k: 0,
      flakiness: 0,
    })
    // The first answers were still invalid: reliability figures describe them.
    expect(report.overall.schema_valid_rate).toBe(0)
  })
})

describe('checker details', () => {
  const parallel = suite.find((c) => c.category === 'parallel' && c.expected.length >= 2) as ToolCase
  const gold = (c: ToolCase) =>
    goldReply(c, 'native').toolCalls?.map((k, i) => ({
      id: `c${i}`,
      name: k.name,
      arguments: JSON.stringify(k.arguments),
    })) ?? []

  it('accepts parallel calls in any order and an int where a number is expected', () => {
    expect(checkCase(parallel, gold(parallel).reverse()).passed).toBe(true)
    const money = byId('simple-002')
    const calls = gold(money)
    expect(checkCase(money, calls).passed).toBe(true)
  })

  it('rejects a wrong value, naming the parameter and the acceptable values', () => {
    const c = byId('simple-001')
    const r = checkCase(c, [
      {id: 'x', name: 'get_weather_forecast', arguments: '{"city": "Porto", "days": 3, "units": "metric"}'},
    ])
    expect(r).toMatchObject({
      passed: false,
      schemaValid: true,
      rightFunction: true,
      reason: 'wrong value for `city`: got "Porto", expected one of "Lisbon", "Lisbon, Portugal"',
    })
  })
})

describe('BFCL import', () => {
  const questions = new URL('../../fixtures/bfcl/BFCL_v3_sample.json', import.meta.url).pathname

  it('maps BFCL questions, Python-flavoured types and possible answers onto cases', () => {
    const cases = importBfcl(questions)
    expect(cases.map((c) => [c.id, c.category, c.expected.length])).toEqual([
      ['simple_0', 'simple', 1],
      ['simple_1', 'simple', 1],
      ['parallel_0', 'parallel', 2],
      ['irrelevance_0', 'irrelevance', 0],
    ])
    const params = cases[1]?.tools[0]?.function.parameters as {properties: {value: {type: string}}} | undefined
    expect(params?.properties.value.type).toBe('number')
  })

  it('scores a BFCL file through the same checker', async () => {
    const cases = importBfcl(questions)
    const sim = await simFor(cases, 'native', (c) =>
      c.id === 'simple_1'
        ? {
            toolCalls: [
              {name: 'convert_temperature', arguments: {value: 72.5, from_scale: 'celsius', to_scale: 'fahrenheit'}},
            ],
          }
        : goldReply(c, 'native'),
    )
    const report = await runToolCallingEval(options(sim, {importSpec: `bfcl:${questions}`}))
    expect(report.categories).toEqual({
      simple: {total: 2, passed: 1, accuracy: 0.5},
      parallel: {total: 1, passed: 1, accuracy: 1},
      irrelevance: {total: 1, passed: 1, accuracy: 1},
    })
    expect(report.failures).toEqual([
      {
        id: 'simple_1',
        category: 'simple',
        reason: 'wrong value for `from_scale`: got "celsius", expected "fahrenheit"',
      },
    ])
  })
})
