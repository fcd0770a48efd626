import {describe, expect, it} from 'vitest'
import {z} from 'zod'
import {loadYaml} from '../../src/profiles/load-yaml.js'
import {unclosedOpener} from '../../src/profiles/yaml-opener.js'

// A YAML typo is reported at the line where the unclosed `[`, `{` or quote opens, not where the parser gave up
// (issue 27: one line late, or at the end of the file for a quote).

const any = z.unknown()
const lineOf = (text: string) => {
  try {
    loadYaml('f.yaml', any, text)
  } catch (error) {
    return Number(/^f\.yaml:(\d+):/.exec((error as Error).message)?.[1])
  }
  return undefined
}

describe('YAML errors point at the opening bracket or quote', () => {
  it.each([
    ['an unclosed [ at the end of the file', 'id: mine\nengine: llamacpp\nmodels: [\n  a,\n  b\n', 3],
    ['an unclosed [ before the next key', 'upstreams: [\n  {name: a, url: "http://x/v1"}\nroutes: []\n', 1],
    ['an unclosed { in a list item', 'mode: sequence\nreplies:\n  - {text: hi\n  - {text: there}\n', 3],
    ['an unterminated double quote', 'id: mine\ndescription: "the fast box\nengine: llamacpp\n', 2],
    ['an unterminated single quote', "a: 1\nb: 'it''s\nc: 3\n", 2],
    ['an unclosed { inside a closed [', 'a: 1\nb: [x, {c: 1, d: 2\n  ]\n', 2],
  ])('%s', (_name, text, line) => {
    expect(lineOf(text)).toBe(line)
  })

  it('finds nothing to blame in files whose brackets and quotes all close', () => {
    for (const text of ['a: x[0]\nb: "say \\"hi\\""\nc: \'it\'\'s\'\nd: [1, {e: 2}]\n', 'path: "C:\\\\"\n'])
      expect(unclosedOpener(text)).toBeUndefined()
  })

  it('keeps the parser line for other syntax errors', () => {
    expect(lineOf('a: 1\nb: 2\na: 3\n')).toBe(3)
  })
})
