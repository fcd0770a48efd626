import {describe, expect, it} from 'vitest'
import {fillTemplate, parseCommandTemplate} from '../../../src/evals/swe/agents/template.js'
import {DatasetError, parseDataset, pickInstances} from '../../../src/evals/swe/dataset.js'

const row = {
  instance_id: 'o__r-1',
  repo: 'o/r',
  base_commit: 'a'.repeat(40),
  problem_statement: 'Fix it',
  patch: '',
  test_patch: '',
  FAIL_TO_PASS: '["t1"]',
  PASS_TO_PASS: [],
  test_cmd: 'node --test',
}
const jsonl = (...rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n')

describe('SWE dataset loader', () => {
  it('reads SWE-bench rows, with test lists as JSON arrays or JSON-encoded strings', () => {
    const [a, b] = parseDataset(jsonl(row, {...row, instance_id: 'o__r-2', FAIL_TO_PASS: ['x', 'y']}), 'd.jsonl')
    expect(a?.FAIL_TO_PASS).toEqual(['t1'])
    expect(b?.FAIL_TO_PASS).toEqual(['x', 'y'])
  })

  it('names the row and the missing field', () => {
    const {test_cmd: _, ...noCmd} = row
    expect(() => parseDataset(jsonl(row, {...noCmd, instance_id: 'o__r-2'}), 'd.jsonl')).toThrow(
      'd.jsonl: row 2: o__r-2: `test_cmd`: missing',
    )
  })

  it('names the row and field of a wrong value, and of a line that is not JSON', () => {
    expect(() => parseDataset(jsonl({...row, base_commit: 'main'}), 'd.jsonl')).toThrow(
      /row 1: o__r-1: `base_commit`: expected a git commit sha/,
    )
    expect(() => parseDataset(`${jsonl(row)}\n{oops`, 'd.jsonl')).toThrow(/d\.jsonl: row 2: invalid JSON/)
    expect(() => parseDataset(jsonl({...row, FAIL_TO_PASS: '[1]'}), 'd.jsonl')).toThrow(/`FAIL_TO_PASS.0`/)
  })

  it('refuses duplicate ids and an empty file; errors are bad input (exit 2)', () => {
    expect(() => parseDataset(jsonl(row, row), 'd.jsonl')).toThrow('row 2: duplicate instance_id `o__r-1`')
    const error = (() => {
      try {
        parseDataset('\n', 'd.jsonl')
      } catch (e) {
        return e as DatasetError
      }
    })()
    expect(error).toBeInstanceOf(DatasetError)
    expect(error?.exit).toBe(2)
  })

  it('picks instances by id and limit, refusing unknown ids', () => {
    const all = parseDataset(jsonl(row, {...row, instance_id: 'b'}, {...row, instance_id: 'c'}), 'd')
    expect(pickInstances(all, ['c', 'o__r-1']).map((i) => i.instance_id)).toEqual(['o__r-1', 'c'])
    expect(pickInstances(all, undefined, 2).map((i) => i.instance_id)).toEqual(['o__r-1', 'b'])
    expect(() => pickInstances(all, ['zz'])).toThrow('unknown instance ids: zz')
  })
})

describe('--agent cmd: templates', () => {
  it('accepts the known placeholders and quotes what it fills in', () => {
    const t = parseCommandTemplate('cmd:agent --dir {workspace} -p "$(cat {problem_file})" --url {endpoint} -m {model}')
    expect(fillTemplate(t, {workspace: '/w s', problem_file: '/p', endpoint: 'http://h/v1', model: "it's"})).toBe(
      `agent --dir '/w s' -p "$(cat /p)" --url http://h/v1 -m 'it'\\''s'`,
    )
  })

  it('refuses unknown placeholders, unbalanced braces, an empty command and other agent kinds', () => {
    expect(() => parseCommandTemplate('cmd:x {workspace} {prompt}')).toThrow(
      'unknown placeholder {prompt}; known: {workspace} {problem_file} {endpoint} {model}',
    )
    expect(() => parseCommandTemplate('cmd:x {workspace')).toThrow('unbalanced braces')
    expect(() => parseCommandTemplate('cmd:x {{workspace}}')).toThrow('unbalanced braces')
    expect(() => parseCommandTemplate('cmd:  ')).toThrow('has no command')
    expect(() => parseCommandTemplate('aider')).toThrow('Expected --agent builtin or cmd:<command template>')
  })
})
