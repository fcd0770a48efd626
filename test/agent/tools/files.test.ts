import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {editTool} from '../../../src/agent/tools/edit.js'
import {multiEditTool} from '../../../src/agent/tools/multi-edit.js'
import {readTool} from '../../../src/agent/tools/read.js'
import {writeTool} from '../../../src/agent/tools/write.js'
import {tempRepo} from '../temp-repo.js'
import {toolContext} from './context.js'

const lines = (n: number) => Array.from({length: n}, (_, i) => `line ${i + 1}`).join('\n')

describe('read', () => {
  it('numbers lines, reads a range and says where the rest is', async () => {
    const repo = await tempRepo({'a.txt': `${lines(12)}\n`})
    const out = await readTool.run({path: 'a.txt', offset: 9, limit: 2}, toolContext(repo))
    expect(out).toBe(' 9\tline 9\n10\tline 10\n[showing lines 9-10 of 12; read on with offset=11]')
    expect(await readTool.run({path: 'a.txt', offset: 12}, toolContext(repo))).toBe('12\tline 12')
  })

  it('cuts very long lines and says so; explains a missing file and a directory', async () => {
    const repo = await tempRepo({'long.txt': 'x'.repeat(5000), 'd/x.txt': ''})
    expect(await readTool.run({path: 'long.txt'}, toolContext(repo))).toMatch(/^1\tx{2000} \[… line cut at 2000/)
    await expect(readTool.run({path: 'nope.txt'}, toolContext(repo))).rejects.toThrow('File not found: `nope.txt`')
    await expect(readTool.run({path: 'd'}, toolContext(repo))).rejects.toThrow('is a directory; use ls')
  })
})

describe('write', () => {
  it('creates folders, and refuses paths outside the project', async () => {
    const repo = await tempRepo({})
    expect(await writeTool.run({path: 'src/new.txt', content: 'a\nb\n'}, toolContext(repo))).toBe(
      'Wrote 2 lines to src/new.txt.',
    )
    expect(readFileSync(join(repo, 'src/new.txt'), 'utf8')).toBe('a\nb\n')
    await expect(writeTool.run({path: '/etc/oac-test', content: ''}, toolContext(repo))).rejects.toThrow(
      'is outside the project root',
    )
  })
})

describe('edit', () => {
  const source = 'function f() {\n  const total = a + b\n  return total\n}\n'

  it('replaces text that occurs once', async () => {
    const repo = await tempRepo({'f.js': source})
    const out = await editTool.run({path: 'f.js', old_string: 'a + b', new_string: 'a * b'}, toolContext(repo))
    expect(out).toBe('Edited f.js (1 edit, +0 lines).')
    expect(readFileSync(join(repo, 'f.js'), 'utf8')).toContain('const total = a * b')
  })

  it('shows the closest text when old_string does not match', async () => {
    const repo = await tempRepo({'f.js': source})
    const edit = {path: 'f.js', old_string: 'const totl = a + b\nreturn total', new_string: 'x'}
    await expect(editTool.run(edit, toolContext(repo))).rejects.toThrow(
      /^old_string not found in `f\.js`\. Closest text:\nlines 2-3 \(\d+% similar\):\n2\t {2}const total = a \+ b\n3\t {2}return total\n/,
    )
  })

  it('refuses an ambiguous edit, naming the lines', async () => {
    const repo = await tempRepo({'f.js': 'x = 1\nx = 1\n'})
    await expect(
      editTool.run({path: 'f.js', old_string: 'x = 1', new_string: 'x = 2'}, toolContext(repo)),
    ).rejects.toThrow('occurs more than once in `f.js` (at lines 1, 2)')
    await editTool.run({path: 'f.js', old_string: 'x = 1', new_string: 'x = 2', replace_all: true}, toolContext(repo))
    expect(readFileSync(join(repo, 'f.js'), 'utf8')).toBe('x = 2\nx = 2\n')
  })
})

describe('multi_edit', () => {
  it('applies all edits in order, or none when one fails', async () => {
    const repo = await tempRepo({'f.js': 'a\nb\nc\n'})
    const ctx = toolContext(repo)
    const bad = [
      {old_string: 'a', new_string: 'A'},
      {old_string: 'zzz', new_string: 'Z'},
    ]
    await expect(multiEditTool.run({path: 'f.js', edits: bad}, ctx)).rejects.toThrow(
      /^Edit 2 of 2 failed, no edit was applied: old_string not found/,
    )
    expect(readFileSync(join(repo, 'f.js'), 'utf8')).toBe('a\nb\nc\n')
    const good = [
      {old_string: 'a\n', new_string: 'A\n'},
      {old_string: 'A\nb', new_string: 'A\nB'},
    ]
    await multiEditTool.run({path: 'f.js', edits: good}, ctx)
    expect(readFileSync(join(repo, 'f.js'), 'utf8')).toBe('A\nB\nc\n')
  })
})
