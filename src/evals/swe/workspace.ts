import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, rm} from 'node:fs/promises'
import {isAbsolute, join, resolve} from 'node:path'
import {git} from './git.js'

// Each attempt works in a fresh checkout of base_commit: a detached `git worktree` of the source repository, so
// checkouts are cheap (no copy of the object store) and attempts never see each other's files.

/** Where the repository of `repo` lives in `reposDir`: SWE-bench's `owner__name`, or `repo` as a relative path. */
export function repoDir(reposDir: string, repo: string): string | undefined {
  const candidates = [join(reposDir, repo.replace('/', '__')), isAbsolute(repo) ? repo : resolve(reposDir, repo)]
  return candidates.find((dir) => existsSync(join(dir, '.git')) || existsSync(join(dir, 'HEAD')))
}

// Worktree bookkeeping in one repository is not safe to run concurrently (`add` and `prune` both rewrite
// .git/worktrees): one queue per source repository.
const queues = new Map<string, Promise<unknown>>()
function serial<T>(source: string, job: () => Promise<T>): Promise<T> {
  const next = (queues.get(source) ?? Promise.resolve()).then(job, job)
  queues.set(
    source,
    next.catch(() => undefined),
  )
  return next
}

export interface Workspace {
  dir: string
  /** Removes the checkout and its worktree entry. */
  dispose(): Promise<void>
}

/** A detached worktree of `source` at `commit` under `parent`; throws a GitError when the commit is not there. */
export async function checkout(source: string, commit: string, parent: string): Promise<Workspace> {
  await mkdir(parent, {recursive: true})
  const dir = await mkdtemp(join(parent, 'ws-'))
  try {
    await git(source, ['rev-parse', '--verify', '--quiet', `${commit}^{commit}`]).catch(() => {
      throw new Error(`base_commit ${commit} is not in ${source}`)
    })
    await serial(source, () => git(source, ['worktree', 'add', '--detach', '--force', dir, commit]))
  } catch (error) {
    await rm(dir, {recursive: true, force: true})
    throw error
  }
  return {
    dir,
    dispose: async () => {
      await rm(dir, {recursive: true, force: true})
      await serial(source, () => git(source, ['worktree', 'prune'])).catch(() => undefined)
    },
  }
}
