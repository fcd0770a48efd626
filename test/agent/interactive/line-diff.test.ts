import {describe, expect, it} from 'vitest'
import {unifiedDiff} from '../../../src/agent/interactive/line-diff.js'

const numbered = (n: number) => Array.from({length: n}, (_, i) => `line ${i + 1}`)

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a.txt', 'x\ny\n', 'x\ny\n')).toBe('')
  })

  it('shows a changed line with three lines of context', () => {
    const before = `${numbered(10).join('\n')}\n`
    const after = before.replace('line 5\n', 'line five\n')
    expect(unifiedDiff('a.txt', before, after)).toBe(
      [
        '--- a/a.txt',
        '+++ b/a.txt',
        '@@ -2,7 +2,7 @@',
        ' line 2',
        ' line 3',
        ' line 4',
        '-line 5',
        '+line five',
        ' line 6',
        ' line 7',
        ' line 8',
      ].join('\n'),
    )
  })

  it('makes separate hunks for changes far apart, one for changes close together', () => {
    const lines = numbered(30)
    const far = [...lines]
    far[1] = 'two'
    far[27] = 'twenty-eight'
    const diff = unifiedDiff('f', `${lines.join('\n')}\n`, `${far.join('\n')}\n`)
    expect(diff.split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,5 +1,5 @@', '@@ -25,6 +25,6 @@'])
    const near = [...lines]
    near[9] = 'ten'
    near[14] = 'fifteen'
    const one = unifiedDiff('f', `${lines.join('\n')}\n`, `${near.join('\n')}\n`)
    expect(one.split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -7,12 +7,12 @@'])
  })

  it('shows insertions and deletions against the longest common subsequence', () => {
    const diff = unifiedDiff('f', 'a\nb\nc\nd\n', 'a\nc\nd\ne\nf\n')
    expect(diff.split('\n').slice(2)).toEqual(['@@ -1,4 +1,5 @@', ' a', '-b', ' c', ' d', '+e', '+f'])
  })

  it('shows a new file against /dev/null, and a lost final newline', () => {
    expect(unifiedDiff('new.txt', undefined, 'one\ntwo\n')).toBe(
      ['--- /dev/null', '+++ b/new.txt', '@@ -0,0 +1,2 @@', '+one', '+two'].join('\n'),
    )
    expect(unifiedDiff('f', 'a\nb\n', 'a\nb').split('\n').slice(2)).toEqual([
      '@@ -1,2 +1,2 @@',
      ' a',
      '-b',
      '+b',
      '\\ No newline at end of file',
    ])
  })

  it('puts a run of deletions before its insertions', () => {
    const diff = unifiedDiff('f', 'keep\nold 1\nold 2\nkeep\n', 'keep\nnew 1\nnew 2\nkeep\n')
    expect(diff.split('\n').slice(3)).toEqual([' keep', '-old 1', '-old 2', '+new 1', '+new 2', ' keep'])
  })
})

describe('unifiedDiff on big files', () => {
  it('diffs 20,000 changed lines instead of replacing the file whole', () => {
    const before = numbered(20_000)
    const after = before.map((l, i) => (i % 1000 === 0 ? `${l} changed` : l))
    const diff = unifiedDiff('big.txt', `${before.join('\n')}\n`, `${after.join('\n')}\n`)
    expect(diff.split('\n').filter((l) => l.startsWith('@@'))).toHaveLength(20)
    expect(diff.split('\n').filter((l) => l.startsWith('-line'))).toHaveLength(20)
  })
})
