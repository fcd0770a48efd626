import {existsSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {execa} from 'execa'
import {describe, expect, it} from 'vitest'
import {Checkpoints} from '../../src/agent/checkpoints/checkpoints.js'
import {hostileRepo} from '../git/hostile-repo.js'
import {tempHome, tempRepo} from './temp-repo.js'

// A checkpoint holds `.git` too (refs, index, config, objects as links), so that a task that destroyed history
// can be undone. The destruction here is done to a temp repository by git itself or by the test, never by a shell.

const git = (cwd: string, ...args: string[]) =>
  execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {cwd}).then((r) => r.stdout)

async function repoWithHistory() {
  const repo = await tempRepo({'a.txt': 'one\n'})
  await git(repo, 'checkout', '-qb', 'feature')
  writeFileSync(join(repo, 'b.txt'), 'feature work\n')
  await git(repo, 'add', 'b.txt')
  await git(repo, 'commit', '-qm', 'feature')
  await git(repo, 'checkout', '-q', '-')
  writeFileSync(join(repo, 'a.txt'), 'two\n')
  await git(repo, 'commit', '-qam', 'second')
  return repo
}

describe('checkpoints include .git', () => {
  it('bring history back after rm -rf .git', async () => {
    const repo = await repoWithHistory()
    const refs = await git(repo, 'for-each-ref', '--format=%(refname) %(objectname)')
    const checkpoints = Checkpoints.for(repo, tempHome())
    const commit = await checkpoints.save('s1')
    rmSync(join(repo, '.git'), {recursive: true, force: true})
    const restored = await checkpoints.restore(commit)
    expect(restored.filter((f) => f.gitDir).map((f) => f.path)).toContain(join(repo, '.git', 'HEAD'))
    expect(await git(repo, 'for-each-ref', '--format=%(refname) %(objectname)')).toBe(refs)
    expect(await git(repo, 'log', '--format=%s', 'feature')).toBe('feature\ninit')
    expect(await git(repo, 'status', '--porcelain')).toBe('')
    await git(repo, 'fsck', '--no-progress')
  })

  it('bring back a deleted branch, a hard reset and pruned objects', async () => {
    const repo = await repoWithHistory()
    const head = await git(repo, 'rev-parse', 'HEAD')
    const checkpoints = Checkpoints.for(repo, tempHome())
    const commit = await checkpoints.save('s1')
    await git(repo, 'reset', '-q', '--hard', 'HEAD~1')
    await git(repo, 'branch', '-D', 'feature')
    await git(repo, 'reflog', 'expire', '--expire=now', '--all')
    await git(repo, 'gc', '-q', '--prune=now')
    const restored = await checkpoints.restore(commit)
    expect(restored.find((f) => f.path === join(repo, 'a.txt'))).toEqual({path: join(repo, 'a.txt'), deleted: false})
    expect(await git(repo, 'rev-parse', 'HEAD')).toBe(head)
    expect(await git(repo, 'log', '--format=%s', 'feature')).toBe('feature\ninit')
    expect(await git(repo, 'status', '--porcelain')).toBe('')
    await git(repo, 'fsck', '--no-progress')
  })

  it('a checkpoint of a hostile repository runs none of its programs', async () => {
    const repo = await hostileRepo()
    const checkpoints = Checkpoints.for(repo.dir, tempHome())
    const commit = await checkpoints.save('s1')
    writeFileSync(join(repo.dir, 'a.txt'), 'three\n')
    await checkpoints.restore(commit)
    expect(repo.marks()).toEqual([])
    expect(existsSync(join(repo.dir, 'a.txt'))).toBe(true)
  })
})
