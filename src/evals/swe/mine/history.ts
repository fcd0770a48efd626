import {git} from '../git.js'
import {type PathKind, pathKind} from './path-kind.js'

// Candidate changes from a repository's history, SWE-smith / SWE-Gym style: each commit on the first-parent line
// from a starting point (a merge is the whole pull request it merged, against its first parent), its files sorted
// into test, code and other. `oac eval swe mine` validates them into tasks; `oac finetune prepare` turns the same
// candidates into training pairs. Reads the repository only (git log, git diff); never a work tree.

export interface ChangedFile {
  path: string
  kind: PathKind
  /** Lines added and deleted; null for a binary file. */
  added: number | null
  deleted: number | null
}

export interface HistoryCommit {
  sha: string
  /** The first parent (the base the change applies to); undefined for a root commit. */
  parent: string | undefined
  /** Whether the commit merged a branch (its change is the branch's, against the first parent). */
  merge: boolean
  /** Committer date, ISO 8601 (when the change landed on this line). */
  date: string
  subject: string
  body: string
  files: ChangedFile[]
}

export interface HistoryOptions {
  /** Where to start walking back (default HEAD). */
  from?: string
  /** Only commits that landed at or after this date (git's --since). */
  since?: string
  /** Only commits that landed before this date (git's --until). */
  until?: string
  /** At most this many commits, newest first. */
  limit?: number
}

const SEP = '\u001e'

/** The commits on the first-parent line, newest first, with their changed files. */
export async function listHistory(repo: string, o: HistoryOptions = {}): Promise<HistoryCommit[]> {
  const args = [
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '--no-renames',
    '--numstat',
    '-z',
    `--format=${SEP}%H%x00%P%x00%cI%x00%s%x00%b%x00`,
    ...(o.since ? [`--since=${o.since}`] : []),
    ...(o.until ? [`--until=${o.until}`] : []),
    ...(o.limit ? [`-n${o.limit}`] : []),
    o.from ?? 'HEAD',
    '--',
  ]
  const out = await git(repo, args)
  return out
    .split(SEP)
    .filter((chunk) => chunk.length)
    .map(parseCommit)
}

function parseCommit(chunk: string): HistoryCommit {
  const [sha = '', parents = '', date = '', subject = '', body = '', ...rest] = chunk.split('\0')
  const parentList = parents.split(' ').filter(Boolean)
  // With -z, numstat lines are `added\tdeleted\tpath` each ended by NUL (no renames, so one path each).
  const files: ChangedFile[] = []
  for (const entry of rest) {
    const m = /^\n?(\d+|-)\t(\d+|-)\t(.+)$/s.exec(entry)
    if (!m?.[3]) continue
    const path = m[3]
    files.push({
      path,
      kind: pathKind(path),
      added: m[1] === '-' ? null : Number(m[1]),
      deleted: m[2] === '-' ? null : Number(m[2]),
    })
  }
  return {
    sha,
    parent: parentList[0],
    merge: parentList.length > 1,
    date,
    subject: subject.trim(),
    body: body.trim(),
    files,
  }
}

/** The files of a commit by kind. */
export function filesOf(c: HistoryCommit, kind: PathKind): ChangedFile[] {
  return c.files.filter((f) => f.kind === kind)
}

/** Lines a set of files changes (a binary file counts as one). */
export function changedLines(files: ChangedFile[]): number {
  return files.reduce((n, f) => n + (f.added ?? 1) + (f.deleted ?? 0), 0)
}

/** A commit's change split as SWE-bench splits a fix: the non-test diff (`patch`) and the test diff (`test_patch`). */
export async function splitChange(repo: string, c: HistoryCommit): Promise<{patch: string; test_patch: string}> {
  if (!c.parent) throw new Error(`${c.sha} is a root commit: there is no base to apply its change to`)
  const diff = async (paths: string[]) =>
    paths.length
      ? git(repo, [
          'diff',
          '--binary',
          '--full-index',
          '--no-renames',
          '--no-color',
          '--no-ext-diff',
          c.parent as string,
          c.sha,
          '--',
          ...paths.map((p) => `:(literal)${p}`),
        ])
      : ''
  const tests = c.files.filter((f) => f.kind === 'test').map((f) => f.path)
  const rest = c.files.filter((f) => f.kind !== 'test').map((f) => f.path)
  return {patch: await diff(rest), test_patch: await diff(tests)}
}
