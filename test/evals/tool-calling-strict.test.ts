import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import type {Script, ScriptReply} from '../../src/engines/sim/script.js'
import {type RunningSim, startSim} from '../../src/engines/sim.js'
import {checkCase} from '../../src/evals/tool-calling/checker.js'
import {renderEval} from '../../src/evals/tool-calling/render.js'
import {type EvalOptions, runToolCallingEval} from '../../src/evals/tool-calling/run-eval.js'
import {loadSuite, type ToolCase} from '../../src/evals/tool-calling/suite.js'
import {caseScript, goldReply} from '../support/gold-script.js'

// Scoring is strict: a call counts as parseable and accurate only as the model sent it (BFCL decodes arguments with
// json.loads and no repair). What oac's repair would have saved is its own figure; a call cut at max_tokens fails;
// with --retry-on-error the headline is the first answer's accuracy.

process.env.OAC_HOME = mkdtempSync(join(tmpdir(), 'oac-eval-strict-'))
const simple = loadSuite({categories: ['simple']})
const sims: RunningSim[] = []
afterAll(async () => {
  for (const s of sims) await s.close()
})

async function sim(script: Script): Promise<RunningSim> {
  const s = await startSim({port: 0, ttftMs: 1, itlMs: 0}, script)
  sims.push(s)
  return s
}

const options = (s: RunningSim, over: Partial<EvalOptions> = {}): EvalOptions => ({
  endpoint: s.url,
  model: 'sim-model',
  mode: 'native',
  repeat: 1,
  concurrency: 8,
  retryOnError: 0,
  categories: ['simple'],
  save: false,
  signal: new AbortController().signal,
  ...over,
})

/** Python's repr of a string: single quotes, unless the text holds one. */
const repr = (v: string) => (v.includes("'") ? JSON.stringify(v) : `'${v}'`)

/** The gold call of a case written as Python prints a dict: single quotes and a trailing comma, not JSON. */
function pythonish(c: ToolCase): ScriptReply {
  const [call] = goldReply(c, 'native').toolCalls ?? []
  const body = Object.entries(call?.arguments ?? {})
    .map(([k, v]) => `'${k}': ${typeof v === 'string' ? repr(v) : JSON.stringify(v)}`)
    .join(', ')
  return {toolCalls: [{name: call?.name ?? '', arguments: `{${body},}`}]}
}

/** The gold call cut before its closing brace, as a server stops at max_tokens. */
function cut(c: ToolCase): ScriptReply {
  const [call] = goldReply(c, 'native').toolCalls ?? []
  return {
    toolCalls: [{name: call?.name ?? '', arguments: JSON.stringify(call?.arguments).slice(0, -1)}],
    finishReason: 'length',
  }
}

describe('strict scoring against oac sim', () => {
  it('does not pass arguments that are not JSON; their repair is a separate rate', async () => {
    const s = await sim(caseScript(simple, 'native', pythonish))
    const report = await runToolCallingEval(options(s))
    expect(report.overall).toMatchObject({attempts: simple.length, accuracy: 0, parseable_rate: 0})
    expect(report.overall.accuracy_after_repair).toBe(1)
    expect(report.failures[0]?.reason).toMatch(/^arguments are not JSON as sent/)
    expect(renderEval(report)).toMatch(/accurate after repair 25\/25 \(100\.0%\)/)
  })

  it('fails a call cut at max_tokens (finish_reason length), even where a repair would close it', async () => {
    const s = await sim(caseScript(simple, 'native', cut))
    const report = await runToolCallingEval(options(s))
    expect(report.overall).toMatchObject({accuracy: 0, accuracy_after_repair: 0, cut_replies: simple.length})
    expect(report.failures[0]?.reason).toMatch(/cut at max_tokens \(finish_reason: length\)/)
  })

  it('with --retry-on-error the headline is first-try accuracy; recovery is its own figure', async () => {
    const c = simple[0] as ToolCase
    const script = caseScript([c], 'native', pythonish)
    script.rules.unshift({match: {last: '^Error: '}, reply: goldReply(c, 'native')})
    const report = await runToolCallingEval(options(await sim(script), {limit: 1, retryOnError: 1}))
    expect(report.overall).toMatchObject({
      accuracy: 0,
      accuracy_with_retries: 1,
      retry_attempted: 1,
      retry_recovered: 1,
    })
    expect(report.categories.simple?.accuracy).toBe(0)
    expect(renderEval(report)).toMatch(/accuracy 0\/1 \(0\.0%\) of first answers/)
    expect(renderEval(report)).toMatch(/after feedback: 1\/1 \(100\.0%\)/)
  })
})

describe('what a run that measured nothing says', () => {
  it('refuses a suite with no case (exit 2) instead of reporting 0% accuracy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oac-bfcl-empty-'))
    const file = join(dir, 'BFCL_v3_simple.json')
    writeFileSync(file, '')
    const s = await sim({mode: 'match', rules: [{reply: {content: 'hi'}}]})
    const run = runToolCallingEval(options(s, {importSpec: `bfcl:${file}`}))
    await expect(run).rejects.toMatchObject({name: 'EvalSetupError', exit: 2, message: /no cases to run/})
  })

  it('prints n/a over zero attempts when interrupted before any answer', async () => {
    const s = await sim({mode: 'match', rules: [{reply: {content: 'hi'}}]})
    const stop = new AbortController()
    const report = await runToolCallingEval(options(s, {signal: stop.signal}), (e) => {
      if (e.type === 'start') stop.abort()
    })
    expect(report).toMatchObject({status: 'partial', overall: {attempts: 0, accuracy: null}})
    expect(renderEval(report)).toMatch(/accuracy n\/a \(0 attempts\)/)
    expect(renderEval(report)).not.toMatch(/0\.0%/)
  })

  it('does not pass a text-mode call whose JSON only parses after repair', async () => {
    const c = simple[0] as ToolCase
    const broken =
      "<tool_call>{'name': 'get_weather_forecast', 'arguments': {'city': 'Lisbon', 'days': 3, 'units': 'metric',}}</tool_call>"
    const s = await sim(caseScript([c], 'text', () => ({content: broken})))
    const report = await runToolCallingEval(options(s, {mode: 'text', limit: 1}))
    expect(report.overall).toMatchObject({accuracy: 0, accuracy_after_repair: 1, parseable_rate: 0})
  })
})

describe('strict checker', () => {
  const c = simple[0] as ToolCase
  it('counts arguments as parseable only when JSON.parse reads them as sent', () => {
    const r = checkCase(c, [
      {id: 'a', name: 'get_weather_forecast', arguments: "{'city': 'Lisbon', 'days': 3, 'units': 'metric',}"},
    ])
    expect(r).toMatchObject({passed: false, parseable: false, repaired: true, passedAfterRepair: true})
  })

  it('fails a whole call when the reply was cut at max_tokens', () => {
    const args = '{"city": "Lisbon", "days": 3, "units": "metric"}'
    const r = checkCase(c, [{id: 'a', name: 'get_weather_forecast', arguments: args}], {cut: true})
    expect(r).toMatchObject({passed: false, passedAfterRepair: false, parseable: true})
    expect(r.reason).toMatch(/cut at max_tokens/)
  })
})
