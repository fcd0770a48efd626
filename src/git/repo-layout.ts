import {lstatSync, readFileSync, realpathSync, statSync} from 'node:fs'
import {basename, dirname, join, resolve} from 'node:path'
import {OacError} from '../errors.js'

// Where a repository's git data lives, found by looking at the files, never by asking git: git's own discovery
// follows `core.worktree`, `commondir` and gitfiles that a cloned or sandboxed repository may have rewritten. A
// layout oac cannot vouch for (a symlinked .git, a `commondir` in a main repository, config that includes other
// files, a config or HEAD that is not a plain file) is refused, and oac runs no git on it.

export interface RepoLayout {
  /** The work tree: the folder holding `.git`; none for a bare repository. */
  workTree?: string
  /** The repository's own git dir (`.git`, or `<common>/worktrees/<name>` for a linked worktree). */
  gitDir: string
  /** Where config, objects and refs live: the git dir itself, or the main repository's for a linked worktree. */
  commonDir: string
}

export class UnsafeRepoError extends OacError {
  override name = 'UnsafeRepoError'
}

const MAX_CONFIG_BYTES = 1 << 20
const INCLUDE_SECTION = /^\s*\[\s*include(?:if)?\b/im

function kind(path: string): 'file' | 'dir' | 'link' | 'other' | undefined {
  try {
    const s = lstatSync(path)
    return s.isSymbolicLink() ? 'link' : s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other'
  } catch {
    return undefined
  }
}

/** The nearest folder at or above `cwd` that holds a `.git` entry (what git calls the top level), or undefined. */
export function findWorkTree(cwd: string): string | undefined {
  let dir: string
  try {
    dir = realpathSync(cwd)
  } catch {
    dir = resolve(cwd)
  }
  for (;;) {
    if (kind(join(dir, '.git'))) return dir
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** The checked layout of the repository holding `dir`: the bare repository `dir`, or the work tree at or above it. */
export function locateRepo(dir: string): RepoLayout {
  const bare = kind(join(dir, 'HEAD')) === 'file' && kind(join(dir, 'objects')) === 'dir' && !kind(join(dir, '.git'))
  const workTree = bare ? dir : findWorkTree(dir)
  if (!workTree) throw new OacError(`${dir} is not in a git repository`)
  return repoLayout(workTree)
}

function refuse(workTree: string, why: string): never {
  throw new UnsafeRepoError(
    `${workTree}: ${why}; oac runs no git on this repository (its git data may have been rewritten to run commands)`,
  )
}

/** A config file git would read: a plain file of sane size that includes no other file. */
function checkConfig(workTree: string, file: string, required: boolean): void {
  const k = kind(file)
  if (k === undefined && !required) return
  if (k !== 'file') refuse(workTree, `${file} is ${k === undefined ? 'missing' : 'not a plain file'}`)
  if (statSync(file).size > MAX_CONFIG_BYTES) refuse(workTree, `${file} is over 1 MiB`)
  if (INCLUDE_SECTION.test(readFileSync(file, 'utf8'))) refuse(workTree, `${file} includes other config files`)
}

/**
 * The git data of the repository whose work tree is `workTree` (or of the bare repository `workTree`), checked;
 * throws UnsafeRepoError.
 */
export function repoLayout(workTree: string): RepoLayout {
  const dotGit = join(workTree, '.git')
  const k = kind(dotGit)
  let gitDir: string
  let commonDir: string
  if (k === undefined && kind(join(workTree, 'HEAD')) === 'file' && kind(join(workTree, 'objects')) === 'dir') {
    if (kind(join(workTree, 'commondir'))) refuse(workTree, 'commondir points the repository elsewhere')
    checkConfig(workTree, join(workTree, 'config'), true)
    return {gitDir: workTree, commonDir: workTree}
  }
  if (k === 'dir') {
    gitDir = dotGit
    if (kind(join(gitDir, 'commondir'))) refuse(workTree, '.git/commondir points the repository elsewhere')
    commonDir = gitDir
  } else if (k === 'file') {
    // A linked worktree or a submodule: `gitdir: PATH`.
    const m = /^gitdir: (.+?)\s*$/.exec(readFileSync(dotGit, 'utf8').slice(0, 4096))
    if (!m?.[1]) refuse(workTree, '.git is a file without a `gitdir:` line')
    gitDir = resolve(workTree, m[1])
    if (kind(gitDir) !== 'dir') refuse(workTree, `.git points to ${gitDir}, which is not a folder`)
    const common = join(gitDir, 'commondir')
    if (kind(common) === undefined) commonDir = gitDir
    else {
      if (kind(common) !== 'file') refuse(workTree, `${common} is not a plain file`)
      commonDir = resolve(gitDir, readFileSync(common, 'utf8').trim())
      // git worktree add writes exactly this shape: <common>/worktrees/<name>/commondir = ../..
      if (join(commonDir, 'worktrees', basename(gitDir)) !== gitDir)
        refuse(workTree, `${gitDir} is not a worktree of the repository its commondir names`)
    }
  } else refuse(workTree, k === undefined ? 'there is no .git' : '.git is a symlink or not a plain file or folder')
  if (kind(join(gitDir, 'HEAD')) !== 'file') refuse(workTree, `${join(gitDir, 'HEAD')} is not a plain file`)
  checkConfig(workTree, join(commonDir, 'config'), true)
  checkConfig(workTree, join(gitDir, 'config.worktree'), false)
  const alternates = join(commonDir, 'objects', 'info', 'alternates')
  if (kind(alternates) !== undefined && kind(alternates) !== 'file')
    refuse(workTree, `${alternates} is not a plain file`)
  return {workTree, gitDir, commonDir}
}
