import {existsSync} from 'node:fs'
import {mkdir, rm, writeFile} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'
import {OacError} from '../../../errors.js'
import {locateRepo} from '../../../git/repo-layout.js'
import {gitInit} from '../../../git/safe-git.js'
import {git} from '../git.js'

// Mining works on oac's own bare copy of the user's repository (under $OAC_HOME/swe/repos, where `oac eval swe`
// looks for repositories), never in the user's work tree or branches. oac's git allows no transport (safe-git.ts),
// so the copy is not a clone: a bare repository that borrows the user's objects (objects/info/alternates) for as
// long as it takes `git repack -a -d` to copy in what the user's HEAD reaches, then stands alone. Each run does it
// again, so new commits come in; worktrees of the copy hold the checkouts.

export interface Mirror {
  /** `owner/name` from the origin remote's URL, else `local/<folder name>`. */
  repo: string
  /** The bare clone. */
  clone: string
  /** The commit mining starts from: the user's HEAD. */
  head: string
}

/** `owner/name` of a remote URL (https, ssh or scp-like), undefined when it has no such path. */
export function repoFromUrl(url: string): string | undefined {
  const m = /[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url.trim())
  return m?.[1] && m[2] ? `${m[1]}/${m[2]}` : undefined
}

/** A bad repository path (exit 2). */
export class MineInputError extends OacError {
  override name = 'MineInputError'
}

export async function mirrorRepo(path: string, reposDir: string): Promise<Mirror> {
  const source = resolve(path)
  const head = await git(source, ['rev-parse', '--verify', 'HEAD^{commit}']).then(
    (out) => out.trim(),
    () => {
      throw new MineInputError(`${source} is not a git repository with a commit (git rev-parse HEAD failed)`)
    },
  )
  const top = await git(source, ['rev-parse', '--show-toplevel']).then(
    (out) => out.trim(),
    () => source,
  )
  const url = await git(source, ['config', '--get', 'remote.origin.url']).catch(() => '')
  const repo = repoFromUrl(url) ?? `local/${basename(top)}`
  const clone = join(reposDir, repo.replace('/', '__'))
  if (!existsSync(join(clone, 'HEAD'))) {
    await mkdir(reposDir, {recursive: true})
    await gitInit(clone, ['--bare'])
  }
  // Already copied (a rerun on the same HEAD): no repack.
  const have = await git(clone, ['cat-file', '-e', `${head}^{commit}`]).then(
    () => true,
    () => false,
  )
  if (have) {
    await git(clone, ['update-ref', 'refs/oac/mined-head', head])
    return {repo, clone, head}
  }
  const alternates = join(clone, 'objects', 'info', 'alternates')
  await mkdir(dirname(alternates), {recursive: true})
  await writeFile(alternates, `${join(locateRepo(source).commonDir, 'objects')}\n`)
  try {
    await git(clone, ['update-ref', 'refs/oac/mined-head', head])
    await git(clone, ['repack', '-a', '-d', '-q'])
  } finally {
    await rm(alternates, {force: true})
  }
  return {repo, clone, head}
}
