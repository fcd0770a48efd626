import {
  closeSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
} from 'node:fs'
import {join} from 'node:path'

// What a sandboxed command sees at `.git` in workspace-write mode: enough to commit, nothing that changes what git
// runs or where it looks. A commit writes objects, refs and logs (bound writable, packs read-only) and replaces a
// few files at the top of `.git` by lock and rename (index, HEAD, COMMIT_EDITMSG, ...), so the top is a view: a
// scratch folder inside `.git` holding hard links of those files and read-only binds of everything else (config,
// hooks, info, worktrees, modules, ...). After the command, the files a commit may change are carried back if they
// are plain files (HEAD only if it names a ref or a commit), and whatever else was created there (commondir,
// config.worktree, a hooks folder) is dropped with the view. `.git` itself is a mount point: it cannot be removed,
// renamed or replaced.

/** Top-level files of `.git` that git replaces by lock and rename when it commits, merges or resets. */
const CARRIED = [
  'index',
  'HEAD',
  'ORIG_HEAD',
  'COMMIT_EDITMSG',
  'packed-refs',
  'MERGE_HEAD',
  'MERGE_MSG',
  'MERGE_MODE',
  'AUTO_MERGE',
  'CHERRY_PICK_HEAD',
  'REVERT_HEAD',
  'FETCH_HEAD',
]
/** Of those, the ones git deletes when an operation ends; the others are never deleted back. */
const DELETABLE = new Set(CARRIED.slice(2).filter((n) => n !== 'COMMIT_EDITMSG' && n !== 'packed-refs'))
const WRITABLE_DIRS = new Set(['objects', 'refs', 'logs'])
const HEAD_VALUE = /^(?:ref: refs\/\S+|[0-9a-f]{40}|[0-9a-f]{64})\n?$/
export const VIEW_PREFIX = 'oac-view-'

export interface GitView {
  /** bubblewrap arguments, after the root's own bind. */
  args: string[]
  /** Carries the changed files back and removes the view; says what was dropped. */
  finish(): string | undefined
}

function kindOf(path: string) {
  try {
    return lstatSync(path)
  } catch {
    return undefined
  }
}

/** The view of `root/.git` for one command, or undefined when the project has no `.git` folder. */
export function openGitView(root: string): GitView | undefined {
  const dotGit = join(root, '.git')
  const top = kindOf(dotGit)
  if (!top) return undefined
  if (!top.isDirectory()) return {args: ['--ro-bind', dotGit, dotGit], finish: () => undefined}
  let view: string
  try {
    for (const dir of ['objects/pack', 'objects/info']) mkdirSync(join(dotGit, dir), {recursive: true})
    view = mkdtempSync(join(dotGit, VIEW_PREFIX))
  } catch {
    // A read-only repository: all of it read-only, no commits.
    return {args: ['--ro-bind', dotGit, dotGit], finish: () => undefined}
  }
  const args = ['--bind', view, dotGit]
  const carried = new Map<string, number>()
  for (const entry of readdirSync(dotGit, {withFileTypes: true})) {
    const name = entry.name
    if (name.startsWith(VIEW_PREFIX)) continue
    const real = join(dotGit, name)
    if (entry.isFile() && CARRIED.includes(name)) {
      linkSync(real, join(view, name))
      carried.set(name, lstatSync(real).ino)
    } else if (entry.isDirectory()) {
      mkdirSync(join(view, name))
      args.push(WRITABLE_DIRS.has(name) ? '--bind' : '--ro-bind', real, real)
      if (name === 'objects') args.push('--ro-bind', join(real, 'pack'), join(real, 'pack'))
      if (name === 'objects') args.push('--ro-bind', join(real, 'info'), join(real, 'info'))
    } else if (entry.isFile()) {
      closeSync(openSync(join(view, name), 'w'))
      args.push('--ro-bind', real, real)
    }
  }
  return {args, finish: () => carryBack(dotGit, view, carried)}
}

function carryBack(dotGit: string, view: string, carried: Map<string, number>): string | undefined {
  const dropped: string[] = []
  try {
    for (const name of readdirSync(view)) {
      const inView = kindOf(join(view, name))
      const real = join(dotGit, name)
      if (!CARRIED.includes(name)) {
        if (!kindOf(real)) dropped.push(name)
        continue
      }
      if (!inView?.isFile()) {
        dropped.push(name)
        continue
      }
      if (inView.ino === carried.get(name)) continue
      if (name === 'HEAD' && !HEAD_VALUE.test(readFileSync(join(view, name), 'utf8'))) {
        dropped.push(name)
        continue
      }
      renameSync(join(view, name), real)
    }
    for (const name of carried.keys())
      if (!kindOf(join(view, name)) && DELETABLE.has(name)) unlinkSync(join(dotGit, name))
  } finally {
    rmSync(view, {recursive: true, force: true})
  }
  return dropped.length
    ? `[the sandbox keeps .git's config, hooks and layout as they were: ${dropped.map((n) => `.git/${n}`).join(', ')} not kept]`
    : undefined
}
