import {mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execa} from 'execa'
import {describe, expect, it} from 'vitest'
import {projectRoot} from '../../src/agent/project-root.js'
import {listFiles} from '../../src/agent/tools/list-files.js'
import {headCommit} from '../../src/git/head-commit.js'
import {repoLayout, UnsafeRepoError} from '../../src/git/repo-layout.js'
import {git, runGit} from '../../src/git/safe-git.js'
import {listSourceFiles} from '../../src/rag/list-source-files.js'
import {hostileRepo} from './hostile-repo.js'

// oac's own git calls against a repository whose config names a program at every hook point: none may run.

describe('safe git', () => {
  it('the fixture is hostile: plain git status runs its fsmonitor', async () => {
    const repo = await hostileRepo()
    await execa('git', ['status', '--porcelain'], {cwd: repo.dir, env: {GIT_CONFIG_GLOBAL: '/dev/null'}, reject: false})
    expect(repo.marks()).toContain('fsmonitor')
  })

  it('runs none of the programs a repository names, in every kind of call oac makes', async () => {
    const repo = await hostileRepo()
    const o = {
      repo: repo.dir,
      env: {GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@a', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@a'},
    }
    expect(await git(['ls-files', '-z', '--others', '--cached', '--exclude-standard'], o)).toContain('a.txt')
    await git(['status', '--porcelain'], o)
    await git(['add', '-A'], o)
    expect(await git(['diff', '--cached', 'HEAD'], o)).toMatch(/-one\n\+two/)
    await git(['diff-tree', '-r', '-p', 'HEAD', 'HEAD'], o)
    await git(['log', '-p', '-1'], o)
    await git(['commit', '-qm', 'two'], o)
    await git(['checkout', 'HEAD~1', '--', 'a.txt'], o)
    await git(['reset', '-q', '--hard', 'HEAD'], o)
    expect(repo.marks()).toEqual([])
    // And no remote transport at all: not even the local file one.
    expect((await runGit(['ls-remote', `ext::sh -c touch% /tmp/x`], o)).stderr).toMatch(/not allowed/)
  })

  it('the glob tool and the code index list files without running the repository fsmonitor', async () => {
    const repo = await hostileRepo()
    expect(await listFiles(repo.dir)).toEqual(['.gitattributes', 'a.txt'])
    expect(await listSourceFiles(repo.dir)).toEqual(['.gitattributes', 'a.txt'])
    expect(repo.marks()).toEqual([])
  })

  it('refuses layouts that point git elsewhere, and the listing falls back to a walk', async () => {
    const repo = await hostileRepo()
    writeFileSync(join(repo.dir, '.git', 'commondir'), '/tmp\n')
    expect(() => repoLayout(repo.dir)).toThrow(UnsafeRepoError)
    expect(await listFiles(repo.dir)).toEqual(['.gitattributes', 'a.txt'])

    const included = await hostileRepo()
    writeFileSync(
      join(included.dir, '.git', 'config'),
      `${readFileSync(join(included.dir, '.git', 'config'), 'utf8')}[includeIf "gitdir:/"]\n\tpath = /tmp/x\n`,
    )
    expect(() => repoLayout(included.dir)).toThrow(/includes other config files/)

    const linked = mkdtempSync(join(tmpdir(), 'oac-link-'))
    symlinkSync(join(included.dir, '.git'), join(linked, '.git'))
    expect(() => repoLayout(linked)).toThrow(/symlink/)
  })

  it('finds the project root by its .git, not by the core.worktree the repository sets', async () => {
    const repo = await hostileRepo()
    await execa('git', ['config', 'core.worktree', '/'], {cwd: repo.dir})
    mkdirSync(join(repo.dir, 'src'))
    expect(await projectRoot(join(repo.dir, 'src'))).toBe(repo.dir)
    expect(headCommit(repo.dir)).toMatch(/^[0-9a-f]{40}$/)
  })

  it('is the only place in src/ that starts git', () => {
    const src = new URL('../../src/', import.meta.url).pathname
    const spawnsGit = /\b(?:execa|execaSync|spawn|spawnSync|execFile|execFileSync|exec|execSync)\(\s*['"`]git\b/
    const offenders = readdirSync(src, {recursive: true, encoding: 'utf8'})
      .filter((f) => f.endsWith('.ts') && !f.startsWith('git/'))
      .filter((f) => spawnsGit.test(readFileSync(join(src, f), 'utf8')))
    expect(offenders).toEqual([])
  })
})
