import {createHash} from 'node:crypto'
import {mkdir, unlink} from 'node:fs/promises'
import {join} from 'node:path'
import {execa} from 'execa'

// Every task's starting state, kept in a shadow git object store outside the project ($OAC_HOME/checkpoints/<id>),
// with its own index: the user's repository, branch, index and stash are never touched. Whatever changed the files
// (edit, write, bash, a formatter the model ran), restoring a checkpoint puts back the files as they were and
// deletes the ones created since. Files the project's .gitignore ignores are neither saved nor touched.

export interface RestoredFile {
  path: string
  /** The file did not exist at the checkpoint, and was deleted. */
  deleted: boolean
}

export class CheckpointError extends Error {
  override name = 'CheckpointError'
}

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

  private async git(args: string[], input?: string): Promise<string> {
    const env = {GIT_DIR: this.gitDir, GIT_WORK_TREE: this.root, GIT_INDEX_FILE: join(this.gitDir, 'oac-index')}
    const r = await execa('git', ['-c', 'core.autocrlf=false', '-c', 'core.quotepath=false', ...args], {
      cwd: this.root,
      env,
      reject: false,
      ...(input !== undefined ? {input} : {}),
    })
    if (r.exitCode !== 0) throw new CheckpointError(`git ${args[0]} failed: ${String(r.stderr).trim().slice(0, 300)}`)
    return String(r.stdout)
  }

  /** The current files as a tree in the store. */
  private async tree(): Promise<string> {
    await mkdir(this.gitDir, {recursive: true})
    await execa('git', ['init', '-q', '--bare', this.gitDir], {reject: false})
    await this.git(['add', '-A', '--ignore-errors', '.'])
    return (await this.git(['write-tree'])).trim()
  }

  /** Saves the current files for `session`; returns the checkpoint's commit. */
  async save(session: string, label = 'task start'): Promise<string> {
    const tree = await this.tree()
    const commit = (
      await this.git(['-c', 'user.name=oac', '-c', 'user.email=oac@localhost', 'commit-tree', tree, '-m', label])
    ).trim()
    await this.git(['update-ref', `refs/sessions/${session}/${Date.now()}-${commit.slice(0, 8)}`, commit])
    return commit
  }

  /** The checkpoints of a session, oldest first. */
  async list(session: string): Promise<string[]> {
    const out = await this.git([
      'for-each-ref',
      '--format=%(refname) %(objectname)',
      `refs/sessions/${session}/`,
    ]).catch(() => '')
    return out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' '))
      .sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? '', 'en', {numeric: true}))
      .map((p) => p[1] ?? '')
  }

  /** Puts the files back as they were at `commit`; returns what changed. */
  async restore(commit: string): Promise<RestoredFile[]> {
    const now = await this.tree()
    const diff = (filter: string) =>
      this.git(['diff-tree', '-r', '-z', '--name-only', `--diff-filter=${filter}`, `${commit}^{tree}`, now]).then(
        (out) => out.split('\0').filter(Boolean),
      )
    const created = await diff('A')
    const changed = await diff('MDT')
    for (const path of created) await unlink(join(this.root, path)).catch(() => undefined)
    await this.git(['read-tree', `${commit}^{tree}`])
    if (changed.length) await this.git(['checkout-index', '-f', '-z', '--stdin'], `${changed.join('\0')}\0`)
    return [
      ...changed.map((path) => ({path: join(this.root, path), deleted: false})),
      ...created.map((path) => ({path: join(this.root, path), deleted: true})),
    ].sort((a, b) => a.path.localeCompare(b.path))
  }
}
