import {findWorkTree} from './repo-layout.js'
import {runGit} from './safe-git.js'

// The files under a folder that git tracks or would track (every .gitignore applied, and the user's global
// excludes), relative to that folder. Undefined when the folder is in no repository or one oac runs no git on:
// callers then walk the folder themselves.

export async function listTracked(dir: string): Promise<string[] | undefined> {
  const workTree = findWorkTree(dir)
  if (!workTree) return undefined
  try {
    const r = await runGit(['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      repo: workTree,
      cwd: dir,
      userExcludes: true,
    })
    return r.exitCode === 0 ? r.stdout.split('\0').filter(Boolean) : undefined
  } catch {
    return undefined
  }
}
