import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {importBfcl} from '../../src/evals/tool-calling/bfcl/import.js'
import {checkCase} from '../../src/evals/tool-calling/checker.js'
import {EvalSetupError, runToolCallingEval} from '../../src/evals/tool-calling/run-eval.js'
import type {ToolCase} from '../../src/evals/tool-calling/suite.js'

// BFCL's own checker rules on rows written in BFCL's exact file format (fixtures/bfcl/rules/): each test names the
// rule of bfcl_eval/eval_checker/ast_eval/ast_checker.py or eval_runner.py it holds oac to.

process.env.OAC_HOME = mkdtempSync(join(tmpdir(), 'oac-bfcl-'))
const file = (name: string) => new URL(`../../fixtures/bfcl/rules/BFCL_v3_${name}.json`, import.meta.url).pathname
const load = (name: string) => importBfcl(file(name))
const caseOf = (name: string, id: string) => load(name).find((c) => c.id === id) as ToolCase
let n = 0
const call = (name: string, args: unknown) => ({id: `c${n++}`, name, arguments: JSON.stringify(args)})
const verdict = (c: ToolCase, ...calls: ReturnType<typeof call>[]) => {
  const r = checkCase(c, calls)
  return r.passed ? 'pass' : r.reason
}

describe('BFCL import: every single-turn category', () => {
  it('reads irrelevance files, which have no possible_answer file, and passes only a reply without calls', () => {
    const cases = load('irrelevance')
    expect(cases.map((c) => c.category)).toEqual(['irrelevance', 'irrelevance'])
    const c = cases[0] as ToolCase
    expect(verdict(c)).toBe('pass')
    expect(verdict(c, call('tide_height', {harbour: 'Brest'}))).toBe('made a call on irrelevance (`tide_height`)')
    // An undecodable reply is "no call" to BFCL's relevance checker, so it passes irrelevance.
    expect(checkCase(c, [{id: 'x', name: 'tide_height', arguments: '{"harbour":'}]).passed).toBe(true)
  })

  it('reads live_relevance as "some call is right", whatever its arguments', () => {
    const c = caseOf('live_relevance', 'live_relevance_0-0-0')
    expect(c.category).toBe('live_relevance')
    expect(c.messages.map((m) => m.role)).toEqual(['system', 'user'])
    expect(verdict(c, call('player_queue', {artist: 'anyone at all'}))).toBe('pass')
    expect(verdict(c)).toBe('no call made where a relevant function exists')
  })

  it('refuses multi-turn files with a clear reason instead of a wrong score (exit 2)', async () => {
    expect(() => load('multi_turn_base')).toThrow(
      /not supported: BFCL scores multi-turn entries by running the calls against its executable backends/,
    )
    const run = runToolCallingEval({
      endpoint: 'http://127.0.0.1:9/v1',
      model: 'm',
      mode: 'native',
      repeat: 1,
      concurrency: 1,
      retryOnError: 0,
      save: false,
      importSpec: `bfcl:${file('multi_turn_base')}`,
      signal: new AbortController().signal,
    })
    await expect(run).rejects.toBeInstanceOf(EvalSetupError)
    await expect(run).rejects.toMatchObject({exit: 2})
  })

  it('refuses executable and agentic entries too: BFCL does not score them against possible answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oac-bfcl-exec-'))
    const write = (name: string, id: string) => {
      const f = join(dir, name)
      writeFileSync(f, `${JSON.stringify({id, question: [[{role: 'user', content: 'Add 2 and 3.'}]], function: []})}\n`)
      return f
    }
    expect(() => importBfcl(write('BFCL_v3_exec_simple.json', 'exec_simple_0'))).toThrow(
      /`exec_simple_0` is an executable entry; not supported/,
    )
    expect(() => importBfcl(write('BFCL_v4_memory.json', 'memory_kv_3'))).toThrow(/is an agentic entry; not supported/)
  })

  it('sends dotted names with `_` and checks the call under that name', () => {
    const c = caseOf('rules', 'simple_0')
    expect(c.tools.map((t) => t.function.name)).toEqual(['weather_forecast'])
    expect(verdict(c, call('weather_forecast', {place: 'new york', date: 'April 1 2024'}))).toBe('pass')
    expect(verdict(c, call('weather.forecast', {place: 'NYC'}))).toBe(
      'wrong function: expected `weather_forecast`, got `weather.forecast`',
    )
  })

  it('standardises strings as BFCL does: case, spaces and ,./-_*^ do not count', () => {
    const c = caseOf('rules', 'simple_0')
    expect(verdict(c, call('weather_forecast', {place: 'NEW-YORK', date: '2024/04/01'}))).toBe('pass')
    expect(verdict(c, call('weather_forecast', {place: 'Boston'}))).toMatch(/^wrong value for `place`/)
  })

  it('checks nested dict and list-of-dict answers key by key, lists in order, and lets an int stand for a float', () => {
    const c = caseOf('rules', 'simple_1')
    const good = {
      guest: {name: 'ana lima', adults: 2},
      nights: 2,
      extras: ['parking', 'Breakfast'],
      rooms: [{type: 'Double'}],
    }
    expect(verdict(c, call('book_room', good))).toBe('pass')
    expect(verdict(c, call('book_room', {...good, guest: {name: 'Ana Lima', adults: 3}}))).toMatch(
      /^wrong value for `guest`/,
    )
    expect(verdict(c, call('book_room', {...good, guest: {name: 'Ana Lima'}}))).toMatch(/^wrong value for `guest`/)
    expect(verdict(c, call('book_room', {...good, extras: ['parking']}))).toMatch(/^wrong value for `extras`/)
    expect(verdict(c, call('book_room', {...good, nights: '2'}))).toMatch(/^wrong type for `nights`/)
    // Python's json.loads reads `2.0` as a float: right for a float parameter (and an int stands for a float).
    const raw = (args: string) => checkCase(c, [{id: 'r', name: 'book_room', arguments: args}])
    const rest = '"extras": ["breakfast", "parking"], "rooms": [{"type": "double"}]'
    expect(raw(`{"guest": {"name": "Ana Lima", "adults": 2}, "nights": 2.0, ${rest}}`).passed).toBe(true)
    expect(verdict(c, call('book_room', {...good, guest: 'Ana'}))).toMatch(/^wrong type for `guest`/)
  })

  it('multiple: one call of the expected function; optional "" answers may be left out; unknown params fail', () => {
    const c = caseOf('rules', 'live_multiple_0-0-0')
    expect(c.category).toBe('live_multiple')
    expect(verdict(c, call('weather_forecast', {place: 'Lyon'}))).toBe('pass')
    expect(verdict(c, call('book_room', {guest: {name: 'x'}, nights: 1}))).toMatch(/^wrong function/)
    // `days` is an integer: 3.0 is a float to Python, so BFCL fails it even though it equals 3.
    const lyon = (days: string) =>
      checkCase(c, [{id: 'd', name: 'weather_forecast', arguments: `{"place": "Lyon", "days": ${days}}`}])
    expect(lyon('3').passed).toBe(true)
    expect(lyon('3.0').reason).toMatch(/^wrong type for `days`: expected int, got float/)
    expect(lyon('3e0').reason).toMatch(/^wrong type for `days`/)
    expect(verdict(c, call('weather_forecast', {place: 'Lyon', unit: 'C'}))).toBe(
      'unexpected param `unit` for `weather_forecast`',
    )
    expect(verdict(c, call('weather_forecast', {place: 'Lyon'}), call('weather_forecast', {place: 'Lyon'}))).toBe(
      'expected 1 call, got 2',
    )
  })

  it('parallel: as many calls as answers, in any order', () => {
    const c = caseOf('rules', 'parallel_0')
    expect(verdict(c, call('weather_forecast', {place: 'bergen'}), call('weather_forecast', {place: 'Oslo'}))).toBe(
      'pass',
    )
    expect(verdict(c, call('weather_forecast', {place: 'Oslo'}), call('weather_forecast', {place: 'Oslo'}))).toMatch(
      /^wrong value for `place`/,
    )
  })

  it('Java: parameters are sent as strings of Java source and read back by their declared Java type', () => {
    const c = caseOf('java', 'java_0')
    const params = c.tools[0]?.function.parameters as {properties: Record<string, {type: string; description: string}>}
    expect(Object.values(params.properties).map((p) => p.type)).toEqual(['string', 'string', 'string', 'string'])
    expect(params.properties.ttl?.description).toContain('`long`')
    const good = {
      entries: 'new HashMap<String, String>() {{ put("user", "ann"); }}',
      ttl: '60L',
      tags: 'new ArrayList<>(Arrays.asList("hot", "eu"))',
      ratio: '0.5f',
    }
    expect(verdict(c, call('Cache_putAll', good))).toBe('pass')
    expect(verdict(c, call('Cache_putAll', {...good, ratio: undefined}))).toBe('pass')
    expect(verdict(c, call('Cache_putAll', {...good, ttl: '60'}))).toMatch(/^wrong type for `ttl`/)
    expect(verdict(c, call('Cache_putAll', {...good, ttl: 60}))).toMatch(/expected its source text as a string/)
    expect(verdict(c, call('Cache_putAll', {...good, tags: 'new ArrayList<>(Arrays.asList("eu", "hot"))'}))).toMatch(
      /^wrong value for `tags`/,
    )
  })

  it('JavaScript: arrays, Bigint, dicts and Booleans are read from JavaScript source text', () => {
    const c = caseOf('javascript', 'javascript_0')
    const good = {points: '[1, 2, 3]', seed: '42n', options: "{title: 'sales'}", animate: 'false'}
    expect(verdict(c, call('renderChart', good))).toBe('pass')
    expect(verdict(c, call('renderChart', {...good, points: 'new Array(1, 2, 3)'}))).toBe('pass')
    expect(verdict(c, call('renderChart', {...good, seed: '42'}))).toMatch(/^wrong type for `seed`/)
    expect(verdict(c, call('renderChart', {...good, points: '[1, 2]'}))).toMatch(/^wrong value for `points`/)
    expect(verdict(c, call('renderChart', {...good, animate: 'true'}))).toMatch(/^wrong value for `animate`/)
  })
})
