import {execa} from 'execa'

// Git as the harness runs it: no pager, no user config that could sign, rewrite line endings or hook in.

export const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_AUTHOR_NAME: 'oac',
  GIT_AUTHOR_EMAIL: 'oac@localhost',
  GIT_COMMITTER_NAME: 'oac',
  GIT_COMMITTER_EMAIL: 'oac@localhost',
}

export class GitError extends Error {
  override name = 'GitError'
}

/** Runs git in `cwd`; a non-zero exit throws a GitError with git's own message. */
export async function git(cwd: string, args: string[], input?: string, env: Record<string, string> = {}) {
  const r = await execa('git', args, {
    cwd,
    reject: false,
    env: {...GIT_ENV, ...env},
    stripFinalNewline: false,
    ...(input !== undefined ? {input} : {stdin: 'ignore'}),
  })
  if (r.exitCode !== 0)
    throw new GitError(`git ${args[0]} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`)
  return r.stdout
}
