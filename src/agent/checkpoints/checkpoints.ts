import {createHash} from 'node:crypto'
import {lstatSync} from 'node:fs'
import {mkdir, rm, unlink} from 'node:fs/promises'
import {join} from 'node:path'
import {git, gitInit} from '../../git/safe-git.js'
import {mirrorObjects, restoreObjects} from './object-mirror.js'
import {restoreTree, type ShadowTree, snapshotTree} from './shadow-tree.js'

// Every task's starting state, kept in a shadow git object store outside the project ($OAC_HOME/checkpoints/<id>),
// with indexes of its own: the user's repository, branch, index and stash are never touched by saving. A checkpoint
// is one commit in that store:
// - its tree is the project's files (whatever changed them, restoring puts them back and deletes files created
//   since; files the project's .gitignore ignores are neither saved nor touched);
// - its message names a second tree, the project's `.git` folder without its objects (HEAD, refs, packed-refs, index,
//   config, hooks, info, logs), and the objects themselves are kept as hard links (object-mirror.ts), so that
//   `/undo` and `--rewind` bring history back after `rm -rf .git`, `git reset --hard` or a deleted branch.
// Every git call goes through src/git/safe-git.ts: nothing in the project's files can make it run a program.

export interface RestoredFile {
  path: string
  /** The file did not exist at the checkpoint, and was deleted. */
  deleted: boolean
  /** A file of the project's `.git` folder (a ref, the index, ...), not a work file. */
  gitDir?: boolean
}

/** A saved state of a session: its commit, what saved it (`task start`, `task end`, `before /undo`, …), its trailers. */
export interface SavedState {
  commit: string
  label: string
  /** `oac-NAME: value` lines of its message, by NAME. */
  trailers: Record<string, string>
}

export class CheckpointError extends Error {
  override name = 'CheckpointError'
}

const GIT_DIR_TRAILER = /^oac-git-dir: ([0-9a-f]{40})$/m
const TRAILER = /^oac-([a-z-]+): (.*)$/gm
/** What of `.git` is saved as files: everything but the objects (mirrored) and oac's own sandbox views. */
const GIT_DIR_PATHSPEC = [
  ':(exclude)objects',
  ':(exclude)lfs',
  ':(exclude,glob)oac-view-*',
  ':(exclude,glob)**/objects/**',
]

export class Checkpoints {
  private constructor(
    readonly root: string,
    readonly gitDir: string,
  ) {}

  /** The store of the project at `root`, under `home` (oac's data dir). */
  static for(root: string, home: string): Checkpoints {
    const id = createHash('sha256').update(root).digest('hex').slice(0, 16)
    return new Checkpoints(root, join(home, 'checkpoints', id))
  }

  private files(): ShadowTree {
    return {store: this.gitDir, folder: this.root, index: join(this.gitDir, 'oac-index'), pathspec: []}
  }

  private dotGit(): ShadowTree {
    const folder = join(this.root, '.git')
    return {
      store: this.gitDir,
      folder,
      index: join(this.gitDir, 'oac-git-dir-index'),
      pathspec: GIT_DIR_PATHSPEC,
      force: true,
    }
  }

  /** Whether the project has a `.git` folder of its own (a linked worktree's lives in another repository). */
  private hasGitFolder(): boolean {
    return lstatSync(join(this.root, '.git'), {throwIfNoEntry: false})?.isDirectory() ?? false
  }

  private store(args: string[], input?: string): Promise<string> {
    return git(args, {
      repo: {gitDir: this.gitDir, commonDir: this.gitDir},
      env: {
        GIT_AUTHOR_NAME: 'oac',
        GIT_AUTHOR_EMAIL: 'oac@localhost',
        GIT_COMMITTER_NAME: 'oac',
        GIT_COMMITTER_EMAIL: 'oac@localhost',
      },
      ...(input !== undefined ? {input} : {}),
    }).catch((error: Error) => {
      throw new CheckpointError(error.message)
    })
  }

  private async open(): Promise<void> {
    await mkdir(this.gitDir, {recursive: true})
    if (!lstatSync(join(this.gitDir, 'HEAD'), {throwIfNoEntry: false})) await gitInit(this.gitDir, ['--bare'])
  }

  /**
   * Saves the current files and `.git` for `session`; returns the checkpoint's commit. `trailers` (one line each, no
   * newline in a value) are kept in its message as `oac-NAME: value`.
   */
  async save(session: string, label = 'task start', trailers: Record<string, string> = {}): Promise<string> {
    await this.open()
    const tree = await snapshotTree(this.files()).catch((error: Error) => {
      throw new CheckpointError(error.message)
    })
    const lines = Object.entries(trailers).map(([name, value]) => `oac-${name}: ${value.replace(/\n/g, ' ')}`)
    let message = lines.length ? `${label}\n\n${lines.join('\n')}` : label
    if (this.hasGitFolder()) {
      await mirrorObjects(join(this.root, '.git', 'objects'), join(this.gitDir, 'project-objects'))
      message += `${lines.length ? '\n' : '\n\n'}oac-git-dir: ${await snapshotTree(this.dotGit())}`
    }
    const commit = (await this.store(['commit-tree', tree, '-m', message])).trim()
    await this.store(['update-ref', `refs/sessions/${session}/${Date.now()}-${commit.slice(0, 8)}`, commit])
    return commit
  }

  /** Every saved state of a session, oldest first, with its label and trailers. */
  async saved(session: string): Promise<SavedState[]> {
    const out = await this.store([
      'for-each-ref',
      '--format=%(refname)%00%(objectname)%00%(contents)%01',
      `refs/sessions/${session}/`,
    ]).catch(() => '')
    const states = out
      .split('\u0001')
      .map((r) => r.replace(/^\n/, '').split('\0'))
      .filter((r): r is [string, string, string] => r.length === 3)
      .sort((a, b) => a[0].localeCompare(b[0], 'en', {numeric: true}))
    return states.map(([, commit, message]) => ({
      commit,
      label: message.split('\n')[0] ?? '',
      trailers: Object.fromEntries([...message.matchAll(TRAILER)].map((m) => [m[1] ?? '', m[2] ?? ''])),
    }))
  }

  /** The project's `.git` now (without its objects) as a tree in the store; undefined when it has no `.git` folder. */
  async snapshotGitDir(): Promise<string | undefined> {
    if (!this.hasGitFolder()) return undefined
    await this.open()
    return snapshotTree(this.dotGit()).catch((error: Error) => {
      throw new CheckpointError(error.message)
    })
  }

  /** The `.git` tree saved with `commit`; undefined when it was saved without one. */
  async savedGitDir(commit: string): Promise<string | undefined> {
    return GIT_DIR_TRAILER.exec(await this.store(['cat-file', 'commit', commit]))?.[1]
  }

  /** Puts the work files back as they were at `commit`; returns what changed. */
  async restoreFiles(commit: string): Promise<RestoredFile[]> {
    const changed = await restoreTree(this.files(), `${commit}^{tree}`)
    return changed.map((c) => ({path: join(this.root, c.path), deleted: c.deleted}))
  }

  /**
   * Puts `.git` back as it was at `commit` (refs, HEAD, index, config, hooks, logs; objects deleted since are
   * linked back, objects added since stay); returns what changed. Nothing for a checkpoint saved without `.git`.
   */
  async restoreGitDir(commit: string): Promise<RestoredFile[]> {
    const saved = await this.savedGitDir(commit)
    if (!saved) return []
    const dotGit = this.dotGit()
    for (const dir of ['objects/pack', 'objects/info', 'refs/heads', 'refs/tags'])
      await mkdir(join(dotGit.folder, dir), {recursive: true})
    await restoreObjects(join(this.gitDir, 'project-objects'), join(dotGit.folder, 'objects'))
    const changed = await restoreTree(dotGit, saved)
    return changed.map((c) => ({path: join(dotGit.folder, c.path), deleted: c.deleted, gitDir: true}))
  }

  /** The work files now, as a tree in the store (for comparing states: what a command changed). */
  async snapshot(): Promise<string> {
    await this.open()
    return snapshotTree(this.files()).catch((error: Error) => {
      throw new CheckpointError(error.message)
    })
  }

  /** The paths (relative, `/`-separated) that differ between two trees or commits. */
  async changedPaths(from: string, to: string): Promise<string[]> {
    const out = await this.store(['diff-tree', '-r', '-z', '--name-only', `${from}^{tree}`, `${to}^{tree}`])
    return out.split('\0').filter(Boolean)
  }

  /**
   * Puts back only `paths` as they were in `source` (a tree or commit): a path it holds is written, one it lacks is
   * deleted. Nothing else in the project is touched. Returns what changed.
   */
  async restorePaths(source: string, paths: string[]): Promise<RestoredFile[]> {
    if (!paths.length) return []
    const index = join(this.gitDir, 'oac-paths-index')
    const run = (args: string[], input?: string) =>
      git(args, {
        repo: {gitDir: this.gitDir, commonDir: this.gitDir, workTree: this.root},
        env: {GIT_INDEX_FILE: index},
        ...(input !== undefined ? {input} : {}),
      })
    await run(['read-tree', `${source}^{tree}`])
    const held = new Set((await run(['ls-files', '-z', '--', ...paths])).split('\0').filter(Boolean))
    const restored: RestoredFile[] = []
    for (const path of paths)
      if (!held.has(path)) {
        await unlink(join(this.root, path)).catch(() => undefined)
        restored.push({path: join(this.root, path), deleted: true})
      } else restored.push({path: join(this.root, path), deleted: false})
    if (held.size) await run(['checkout-index', '-f', '-z', '--stdin'], `${[...held].join('\0')}\0`)
    return restored.sort((a, b) => a.path.localeCompare(b.path))
  }

  /**
   * Forgets a deleted session: its refs go, then every object no other session's checkpoint reaches (the file
   * contents it saved), and the cached indexes that may name them (the next snapshot hashes the files again).
   */
  async forget(session: string): Promise<void> {
    if (!lstatSync(join(this.gitDir, 'HEAD'), {throwIfNoEntry: false})) return
    const refs = (await this.store(['for-each-ref', '--format=%(refname)', `refs/sessions/${session}/`]))
      .split('\n')
      .filter(Boolean)
    if (!refs.length) return
    await this.store(['update-ref', '--stdin'], refs.map((r) => `delete ${r}\n`).join(''))
    // The store is never packed (gc.auto=0), so its objects are loose and prune removes the unreachable ones.
    await this.store(['prune', '--expire=now'])
    for (const index of ['oac-index', 'oac-git-dir-index', 'oac-paths-index'])
      await rm(join(this.gitDir, index), {force: true})
  }

  /** Removes the whole store (the last session of the project was deleted), mirrored objects included. */
  async remove(): Promise<void> {
    await rm(this.gitDir, {recursive: true, force: true})
  }

  /** Puts back the work files, then `.git`; returns both, work files first, each sorted. */
  async restore(commit: string): Promise<RestoredFile[]> {
    const sort = (list: RestoredFile[]) => list.sort((a, b) => a.path.localeCompare(b.path))
    return [...sort(await this.restoreFiles(commit)), ...sort(await this.restoreGitDir(commit))]
  }
}
