import {chmodSync, readdirSync, readFileSync, statSync, symlinkSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {atomicWrite} from '../../../src/agent/tools/atomic-write.js'
import {tempRepo} from '../temp-repo.js'

describe('atomicWrite', () => {
  it('replaces a file whole, keeps its mode and leaves no temp file', async () => {
    const root = await tempRepo({'run.sh': '#!/bin/sh\necho old\n'})
    chmodSync(join(root, 'run.sh'), 0o755)
    await atomicWrite(join(root, 'run.sh'), '#!/bin/sh\necho new\n')
    expect(readFileSync(join(root, 'run.sh'), 'utf8')).toBe('#!/bin/sh\necho new\n')
    expect(statSync(join(root, 'run.sh')).mode & 0o777).toBe(0o755)
    expect(readdirSync(root).filter((f) => f.includes('.oac-'))).toEqual([])
  })

  it('writes through a symlink, which stays a link', async () => {
    const root = await tempRepo({'real.txt': 'old\n'})
    symlinkSync('real.txt', join(root, 'link.txt'))
    await atomicWrite(join(root, 'link.txt'), 'new\n')
    expect(readFileSync(join(root, 'real.txt'), 'utf8')).toBe('new\n')
  })

  it('leaves the old file and no temp file when the write fails', async () => {
    const root = await tempRepo({'a.txt': 'old\n'})
    await expect(atomicWrite(join(root, 'missing-dir', 'a.txt'), 'x')).rejects.toThrow(/ENOENT/)
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('old\n')
    expect(readdirSync(root).filter((f) => f.includes('.oac-'))).toEqual([])
  })
})
