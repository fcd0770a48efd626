import {describe, expect, it} from 'vitest'
import {heldOutOf, patchHash} from '../../src/evals/swe/mine/hold-out.js'
import {histogram} from '../../src/finetune/prepare/histogram.js'
import {identifyLicense} from '../../src/finetune/prepare/license.js'
import {changeKey} from '../../src/finetune/prepare/near-duplicate.js'
import {checkSplit, originOf, SplitLeakError} from '../../src/finetune/prepare/split-check.js'
import {type ToolCall, toolCallsFor} from '../../src/finetune/prepare/tool-calls.js'

// The pure parts of `finetune prepare`: the split check, the change as tool calls, near-duplicates, the histogram
// and the license.

const PATCH = 'diff --git a/lib/a.js b/lib/a.js\n--- a/lib/a.js\n+++ b/lib/a.js\n@@ -1 +1 @@\n-old\n+new\n'

/** Replays edits and writes as the agent's tools would (each edit's old text must occur once). */
function replay(files: Record<string, string>, calls: ToolCall[]): Record<string, string> {
  const out = {...files}
  for (const c of calls) {
    const path = c.arguments.path ?? ''
    if (c.name === 'write') out[path] = c.arguments.content ?? ''
    if (c.name === 'bash') delete out[/'(.*)'$/.exec(c.arguments.command ?? '')?.[1] ?? '']
    if (c.name === 'edit') {
      const text = out[path] ?? ''
      expect(text.split(c.arguments.old_string ?? '').length - 1).toBe(1)
      out[path] = text.replace(c.arguments.old_string ?? '', () => c.arguments.new_string ?? '')
    }
  }
  return out
}

describe('finetune prepare, piece by piece', () => {
  it('the split check fails when a pair holds an evaluation task, by commit or by patch hash alone', () => {
    const other = PATCH.replace('+new', '+newer')
    const held = heldOutOf([
      {commit: 'a'.repeat(40), patch: '', split: 'eval'},
      {commit: 'b'.repeat(40), patch: PATCH, split: 'eval'},
      {commit: 'c'.repeat(40), patch: other, split: 'train'},
    ])
    // A train task's change, and a test-only change (no non-test patch: its hash is the empty one a task may share).
    const clean = checkSplit([originOf('c'.repeat(40), other), originOf('d'.repeat(40), '')], held)
    expect(clean).toMatchObject({eval_commits: 2, eval_patches: 1, pairs_checked: 2, leaked: []})
    // The same change cherry-picked elsewhere: another sha, other hunk positions, the same patch hash.
    const moved = PATCH.replace('@@ -1 +1 @@', '@@ -7 +7 @@ ctx')
    const leaked = checkSplit([originOf('a'.repeat(40), 'q'), originOf('e'.repeat(40), moved)], held)
    expect(leaked.leaked.map((o) => o.commit)).toEqual(['a'.repeat(40), 'e'.repeat(40)])
    expect(leaked.leaked[1]?.patch_hash).toBe(patchHash(PATCH))
    expect(new SplitLeakError(leaked)).toMatchObject({exit: 1, message: expect.stringContaining('2 training pair(s)')})
  })

  it('writes a change as edits that replay to the file after it, or whole files when an edit would be ambiguous', () => {
    const before = `${Array.from({length: 30}, (_, i) => `line ${i}`).join('\n')}\n`
    const after = before.replace('line 3\n', 'line three\n').replace('line 25\n', 'line 25\nline 25b\n')
    const block = 'a\nb\nc\nd\ne\nf\ng\nh\n'
    const twice = block + block
    const files = [
      {path: 'a.txt', before, after},
      {path: 'new.txt', before: null, after: 'hello\n'},
      {path: 'gone.txt', before: 'bye\n', after: null},
      {path: 'twice.txt', before: twice, after: block + block.replace('d', 'D')},
      {path: "it's.txt", before: 'a\n', after: null},
    ]
    const calls = toolCallsFor(files)
    expect(calls.map((c) => c.name)).toEqual(['edit', 'edit', 'write', 'bash', 'write', 'bash'])
    expect(calls[3]?.arguments.command).toBe("rm -- 'gone.txt'")
    expect(calls[5]?.arguments.command).toBe("rm -- 'it'\\''s.txt'")
    const start = {'a.txt': before, 'gone.txt': 'bye\n', 'twice.txt': twice}
    expect(replay(start, calls.slice(0, 5))).toEqual({
      'a.txt': after,
      'new.txt': 'hello\n',
      'twice.txt': files[3]?.after,
    })
  })

  it('knows a change made again (whitespace or order apart) from a different one', () => {
    const a = '+const a = 1\n+const b = 2\n-const c = 3\n'
    expect(changeKey(a)).toBe(changeKey('-const  c = 3\n+const b = 2\n+const a=1\n'))
    expect(changeKey(a)).not.toBe(changeKey('+const a = 1\n+const b = 2\n+const c = 3\n'))
  })

  it('puts token lengths in buckets with the quantiles a sequence length is chosen by', () => {
    const h = histogram([100, 600, 600, 3000, 40000])
    expect(h.buckets.map((b) => b.count)).toEqual([1, 2, 0, 1, 0, 0, 0, 1])
    expect(h.buckets.at(-1)?.le).toBeNull()
    expect({p50: h.p50, p95: h.p95, max: h.max}).toEqual({p50: 600, p95: 40000, max: 40000})
  })

  it('names the license from its text, else package.json, else unknown', () => {
    expect(identifyLicense('Apache License\n  Version 2.0, January 2004', undefined)).toBe('Apache-2.0')
    expect(identifyLicense(undefined, '{"license": "BSD-3-Clause"}')).toBe('BSD-3-Clause')
    expect(identifyLicense('All rights reserved.', 'not json')).toBe('unknown')
  })
})
