import {gitInit, git as safeGit} from '../../git/safe-git.js'

// Git as the harness runs it: through oac's one git helper (no hooks, drivers or user config; src/git/safe-git.ts),
// with a fixed author so that commits the harness makes are the same everywhere.

export {GitError} from '../../git/safe-git.js'

const AUTHOR = {
  GIT_AUTHOR_NAME: 'oac',
  GIT_AUTHOR_EMAIL: 'oac@localhost',
  GIT_COMMITTER_NAME: 'oac',
  GIT_COMMITTER_EMAIL: 'oac@localhost',
}

/** Runs git in `cwd` (a folder of a work tree, or a bare repository); a non-zero exit throws a GitError. */
export async function git(cwd: string, args: string[], input?: string, env: Record<string, string> = {}) {
  if (args[0] === 'init') {
    await gitInit(
      cwd,
      args.slice(1).filter((a) => a !== '-q'),
    )
    return ''
  }
  return safeGit(args, {repo: cwd, cwd, env: {...AUTHOR, ...env}, ...(input !== undefined ? {input} : {})})
}
