import {statSync} from 'node:fs'
import {join} from 'node:path'
import {execa} from 'execa'
import {OacError} from '../errors.js'
import {locateRepo, type RepoLayout} from './repo-layout.js'

// Every git process oac starts goes through here, so that nothing a repository carries can make it run a command.
// A repository's config is written by whoever had the folder (a cloned repo's author cannot, a sandboxed command or a
// tarball can), and git runs programs named there: hooks, core.fsmonitor, filter and diff drivers, core.sshCommand,
// pagers, editors, credential helpers. So each call
// - names the repository explicitly (GIT_DIR, GIT_COMMON_DIR, GIT_WORK_TREE from a checked layout, repo-layout.ts),
//   so that `commondir`, gitfiles and `core.worktree` cannot point git elsewhere;
// - reads no system or global config (the user's own may name drivers a repository's attributes then select), and
//   inherits no GIT_* variable;
// - overrides every setting that runs a program with `-c` (command-line config wins over the repository's), and the
//   filter drivers the repository's config defines with empty commands (git then applies no filter);
// - runs diff-family commands with --no-ext-diff --no-textconv (an empty diff driver would fail, not be skipped);
// - allows no transport at all (GIT_ALLOW_PROTOCOL empty), so no remote helper, ssh or ext:: command can start.

/** `-c` settings that keep git from running any program a repository names. */
export const NEUTRAL_CONFIG = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.sshCommand=false',
  'core.gitProxy=',
  'core.pager=cat',
  'core.editor=false',
  'core.askPass=',
  'core.alternateRefsCommand=',
  'core.attributesFile=/dev/null',
  'sequence.editor=false',
  'credential.helper=',
  'diff.external=',
  'gpg.program=false',
  'commit.gpgSign=false',
  'tag.gpgSign=false',
  'log.showSignature=false',
  'submodule.recurse=false',
  'diff.ignoreSubmodules=all',
  'status.submoduleSummary=false',
  'protocol.allow=never',
  'gc.auto=0',
  'maintenance.auto=false',
  'safe.bareRepository=explicit',
  'core.quotePath=false',
]

const DIFF_FAMILY = new Set(['diff', 'diff-tree', 'diff-index', 'diff-files', 'log', 'show', 'format-patch'])
const DRIVER_KEY = /^filter\.(.+)\.(?:clean|smudge|process|required)$/i

export class GitError extends OacError {
  override name = 'GitError'
}

export interface GitOptions {
  /** The repository: a checked layout, or a folder in it (the layout is then found and checked). */
  repo: RepoLayout | string
  /** Where git runs, inside the work tree (paths in its output are relative to it); default the work tree. */
  cwd?: string
  /** Text for git's standard input (closed otherwise). */
  input?: string
  /** More variables (author, index file); never GIT_DIR or config. */
  env?: Record<string, string>
  /** Kill git after this long (a FIFO where a file should be cannot hang oac); default 120 s. */
  timeoutMs?: number
  /** Apply the user's global excludes file (listing files as the user's own git would). */
  userExcludes?: boolean
}

/** oac's environment without any GIT_* variable, and with no system or global config. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && !name.startsWith('GIT_')) env[name] = value
  return {...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null'}
}

/** The variables every git call gets: no system or global config, no transport, no prompt, nothing inherited. */
export function gitEnvironment(layout: RepoLayout, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...baseEnv(),
    GIT_ATTR_NOSYSTEM: '1',
    GIT_ALLOW_PROTOCOL: '',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    ...extra,
    GIT_DIR: layout.gitDir,
    GIT_COMMON_DIR: layout.commonDir,
    ...(layout.workTree ? {GIT_WORK_TREE: layout.workTree} : {}),
  }
}

const driverCache = new Map<string, string[]>()

/** `-c filter.NAME.*=` for every filter driver the repository's config defines. */
async function driverOverrides(layout: RepoLayout): Promise<string[]> {
  const files = [join(layout.commonDir, 'config'), join(layout.gitDir, 'config.worktree')]
  const key = files.map((f) => statSync(f, {throwIfNoEntry: false})).map((s) => `${s?.ino}:${s?.size}:${s?.mtimeMs}`)
  const cacheKey = `${layout.commonDir}\0${key.join('\0')}`
  const cached = driverCache.get(cacheKey)
  if (cached) return cached
  const listed = await execa(
    'git',
    [...NEUTRAL_CONFIG.flatMap((c) => ['-c', c]), 'config', '--list', '--name-only', '-z'],
    {
      cwd: layout.workTree ?? layout.gitDir,
      env: gitEnvironment(layout),
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
      timeout: 10_000,
    },
  )
  if (listed.exitCode !== 0)
    throw new GitError(
      `git config --list failed in ${layout.workTree ?? layout.gitDir}: ${String(listed.stderr).trim().slice(0, 300)}`,
    )
  const overrides = String(listed.stdout)
    .split('\0')
    .map((name) => DRIVER_KEY.exec(name)?.[1])
    .filter((name): name is string => name !== undefined)
    .flatMap((name) =>
      ['clean', 'smudge', 'process'].map((k) => `filter.${name}.${k}=`).concat(`filter.${name}.required=false`),
    )
  const result = [...new Set(overrides)]
  driverCache.set(cacheKey, result)
  return result
}

/**
 * A value of the user's own global git config (`user.name`, `core.excludesFile`): read with GIT_DIR naming no
 * repository, so no repository's config is read at all, and reading runs nothing.
 */
export async function userGitConfig(key: string, type?: 'path'): Promise<string | undefined> {
  const env = {...process.env, GIT_DIR: '/nonexistent/.git', GIT_CONFIG_NOSYSTEM: '1'}
  const args = ['config', '--global', ...(type ? [`--${type}`] : []), '--get', key]
  const r = await execa('git', args, {env, reject: false, stdin: 'ignore', timeout: 10_000})
  const value = String(r.stdout).trim()
  return r.exitCode === 0 && value ? value : undefined
}

let excludesFile: Promise<string | undefined> | undefined

/** The user's own `core.excludesFile`, read once. */
function userExcludesFile(): Promise<string | undefined> {
  excludesFile ??= userGitConfig('core.excludesFile', 'path')
  return excludesFile
}

export interface GitResult {
  exitCode: number
  stdout: string
  stderr: string
}

/** Runs `git ARGS` on the repository with nothing it carries able to start a program; never throws on exit codes. */
export async function runGit(args: string[], o: GitOptions): Promise<GitResult> {
  const layout = typeof o.repo === 'string' ? locateRepo(o.repo) : o.repo
  const config = [...NEUTRAL_CONFIG, ...(await driverOverrides(layout))]
  const excludes = o.userExcludes ? await userExcludesFile() : undefined
  if (excludes) config.push(`core.excludesFile=${excludes}`)
  const [sub = '', ...rest] = args
  const argv = [
    ...config.flatMap((c) => ['-c', c]),
    sub,
    ...(DIFF_FAMILY.has(sub) ? ['--no-ext-diff', '--no-textconv'] : []),
    ...rest,
  ]
  const r = await execa('git', argv, {
    cwd: o.cwd ?? layout.workTree ?? layout.gitDir,
    env: gitEnvironment(layout, o.env),
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
    timeout: o.timeoutMs ?? 120_000,
    ...(o.input !== undefined ? {input: o.input} : {stdin: 'ignore'}),
  })
  const timedOut = r.timedOut ? `timed out after ${(o.timeoutMs ?? 120_000) / 1000} s` : ''
  return {exitCode: r.exitCode ?? 1, stdout: String(r.stdout), stderr: timedOut || String(r.stderr)}
}

/** Like runGit, but a non-zero exit throws a GitError with git's own message; returns standard output. */
export async function git(args: string[], o: GitOptions): Promise<string> {
  const r = await runGit(args, o)
  if (r.exitCode !== 0)
    throw new GitError(`git ${args[0]} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`)
  return r.stdout
}

/** `git init ARGS DIR`: a new repository, made without the user's or the system's config. */
export async function gitInit(dir: string, args: string[] = []): Promise<void> {
  const r = await execa('git', ['init', '-q', ...args, dir], {
    env: baseEnv(),
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: 30_000,
  })
  if (r.exitCode !== 0) throw new GitError(`git init failed: ${String(r.stderr).trim().slice(0, 300)}`)
}
