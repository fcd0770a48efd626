import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {renderEval} from '../../src/evals/tool-calling/render.js'
import {runToolCallingEval} from '../../src/evals/tool-calling/run-eval.js'
import {startTruthServer, type TruthKnobs, type TruthServer} from '../support/truth-server.js'

// oac eval tool-calling against the ground-truth server (test/support/truth-server.ts), which answers every request
// with one call whose name, arguments and finish_reason are set by its knobs: what oac scores is exactly what was
// sent. The case is a one-question BFCL file whose gold call is get_weather(city="Lisbon", days=3).

const dir = mkdtempSync(join(tmpdir(), 'oac-eval-truth-'))
process.env.OAC_HOME = join(dir, 'home')
const questions = join(dir, 'BFCL_v3_simple.json')
mkdirSync(join(dir, 'possible_answer'))
const params = {type: 'dict', properties: {city: {type: 'string'}, days: {type: 'integer'}}, required: ['city', 'days']}
writeFileSync(
  questions,
  `${JSON.stringify({
    id: 'simple_0',
    question: [[{role: 'user', content: 'Weather in Lisbon for the next 3 days?'}]],
    function: [{name: 'get_weather', description: 'Daily forecast for a city.', parameters: params}],
  })}\n`,
)
writeFileSync(
  join(dir, 'possible_answer', 'BFCL_v3_simple.json'),
  `${JSON.stringify({id: 'simple_0', ground_truth: [{get_weather: {city: ['Lisbon'], days: [3]}}]})}\n`,
)

const servers: TruthServer[] = []
afterAll(async () => {
  for (const s of servers) await s.close()
})

async function evalAgainst(knobs: TruthKnobs) {
  const server = await startTruthServer({ttftMs: 1, itlMs: 1, ...knobs})
  servers.push(server)
  const report = await runToolCallingEval({
    endpoint: server.url,
    model: 'truth',
    mode: 'native',
    repeat: 1,
    concurrency: 1,
    retryOnError: 0,
    importSpec: `bfcl:${questions}`,
    save: false,
    signal: new AbortController().signal,
  })
  return {report, text: renderEval(report)}
}

describe('tool-calling scores against the ground-truth server', () => {
  it('passes the gold call sent as JSON (the control: the case and the server agree)', async () => {
    const {report} = await evalAgainst({toolArguments: '{"city": "Lisbon", "days": 3}'})
    expect(report.overall).toMatchObject({attempts: 1, accuracy: 1, parseable_rate: 1})
  })

  it('row 1: arguments that are not JSON are neither parseable nor accurate; their repair is its own rate', async () => {
    const {report, text} = await evalAgainst({toolArguments: "{'city': 'Lisbon', 'days': 3,}"})
    expect(report.overall).toMatchObject({accuracy: 0, parseable_rate: 0, accuracy_after_repair: 1})
    expect(text).toMatch(/accuracy 0\/1 \(0\.0%\) of first answers, arguments as sent/)
  })

  it('row 2: a call cut at max_tokens (finish_reason length, closing brace missing) is a failure', async () => {
    const {report} = await evalAgainst({toolArguments: '{"city": "Lisbon", "days": 3', finishReason: 'length'})
    expect(report.overall).toMatchObject({accuracy: 0, accuracy_after_repair: 0, cut_replies: 1})
    expect(report.failures[0]?.reason).toMatch(/cut at max_tokens/)
  })

  it('a call to an unknown function with arguments that are not JSON is not parseable either', async () => {
    const {report, text} = await evalAgainst({toolName: 'lookup', toolArguments: 'xxxxxxxxxxxx'})
    expect(report.overall).toMatchObject({accuracy: 0, parseable_rate: 0, right_function_rate: 0})
    expect(text).toMatch(/parseable 0\.0% and schema-valid 0\.0% of 1 answers that made calls/)
  })

  it('a server that answers one JSON body instead of a stream is scored on that body', async () => {
    const {report} = await evalAgainst({noStream: true, toolArguments: '{"city": "Lisbon", "days": 3}'})
    expect(report.overall).toMatchObject({attempts: 1, accuracy: 1, request_errors: 0})
  })
})
