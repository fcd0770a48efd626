import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {TurnSnapshots} from '../../../src/agent/interactive/turn-snapshots.js'
import {editTool} from '../../../src/agent/tools/edit.js'
import type {FileChange} from '../../../src/agent/tools/tool.js'
import {writeTool} from '../../../src/agent/tools/write.js'
import {tempRepo} from '../temp-repo.js'
import {toolContext} from '../tools/context.js'

/** A tool context whose writes are recorded in `snapshots`. */
function recording(root: string, snapshots: TurnSnapshots, changes: FileChange[] = []) {
  return {
    ...toolContext(root),
    onFileChange: (c: FileChange) => {
      changes.push(c)
      snapshots.record(c)
    },
  }
}

describe('/undo snapshots', () => {
  it('restores edited files and deletes created ones, keeping the text from before the first change', async () => {
    const root = await tempRepo({'a.txt': 'one\ntwo\n'})
    const snapshots = new TurnSnapshots()
    const changes: FileChange[] = []
    const ctx = recording(root, snapshots, changes)
    snapshots.begin()
    await editTool.run({path: 'a.txt', old_string: 'one', new_string: 'ONE'}, ctx)
    await editTool.run({path: 'a.txt', old_string: 'two', new_string: 'TWO'}, ctx)
    await writeTool.run({path: 'sub/new.txt', content: 'fresh\n'}, ctx)
    expect(changes.map((c) => [c.path, c.before, c.after])).toEqual([
      [join(root, 'a.txt'), 'one\ntwo\n', 'ONE\ntwo\n'],
      [join(root, 'a.txt'), 'ONE\ntwo\n', 'ONE\nTWO\n'],
      [join(root, 'sub/new.txt'), undefined, 'fresh\n'],
    ])
    expect(snapshots.paths).toEqual([join(root, 'a.txt'), join(root, 'sub/new.txt')])

    const restored = await snapshots.undo()
    expect(restored).toEqual([
      {path: join(root, 'a.txt'), deleted: false},
      {path: join(root, 'sub/new.txt'), deleted: true},
    ])
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('one\ntwo\n')
    expect(existsSync(join(root, 'sub/new.txt'))).toBe(false)
    expect(await snapshots.undo()).toEqual([])
  })

  it('undoes only the last task', async () => {
    const root = await tempRepo({'a.txt': 'v1\n'})
    const snapshots = new TurnSnapshots()
    const ctx = recording(root, snapshots)
    snapshots.begin()
    await writeTool.run({path: 'a.txt', content: 'v2\n'}, ctx)
    snapshots.begin()
    await writeTool.run({path: 'a.txt', content: 'v3\n'}, ctx)
    await snapshots.undo()
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('v2\n')
  })

  it('records nothing for a failed edit', async () => {
    const root = await tempRepo({'a.txt': 'x\n'})
    const snapshots = new TurnSnapshots()
    snapshots.begin()
    await expect(
      editTool.run({path: 'a.txt', old_string: 'missing', new_string: 'y'}, recording(root, snapshots)),
    ).rejects.toThrow(/old_string not found/)
    expect(snapshots.paths).toEqual([])
  })
})
