import {homedir} from 'node:os'
import {resolve} from 'node:path'
import {UsageError} from '../errors.js'
import {findWorkTree} from '../git/repo-layout.js'

/**
 * The git root of `cwd` (the agent works on the whole repository), or `cwd` itself outside git. Found by looking for
 * `.git`, not by asking git, which would follow a `core.worktree` the repository set (to `/`, say).
 */
export async function projectRoot(cwd: string): Promise<string> {
  return findWorkTree(cwd) ?? cwd
}

/**
 * A headless run may write and run anything under its root: in `/` or the home directory that is every file the user
 * has. Such a root is refused (exit 2) with what to do instead.
 */
export function assertProjectRoot(root: string, home: string = homedir()): void {
  const where =
    root === '/' ? 'the filesystem root' : resolve(root) === resolve(home) ? 'your home directory' : undefined
  if (where)
    throw new UsageError(
      `oac agent -p works on the whole folder it starts in, and ${root} is ${where}: cd into a project folder (a git repository) first`,
    )
}
