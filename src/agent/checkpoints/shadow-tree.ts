import {unlink} from 'node:fs/promises'
import {join} from 'node:path'
import {git} from '../../git/safe-git.js'

// A folder's files as a tree in a shadow object store (a bare repository of oac's own), through an index of the
// store's own, and the way back: put the folder's files as they were in a saved tree. Used twice by checkpoints:
// for the project's files and for its `.git` folder (everything but the objects, which object-mirror.ts keeps).

export interface ShadowTree {
  /** The shadow store (a bare repository oac created). */
  store: string
  /** The folder whose files are saved. */
  folder: string
  /** The store's index for this folder. */
  index: string
  /** Which files of the folder (git pathspecs); all when empty. */
  pathspec: string[]
  /** Also files the folder's .gitignore files ignore (for `.git`, where nothing is ignored). */
  force?: boolean
}

export interface ChangedPath {
  /** Relative to the folder, `/`-separated. */
  path: string
  /** The file did not exist in the saved tree, and was deleted. */
  deleted: boolean
}

function run(t: ShadowTree, args: string[], input?: string): Promise<string> {
  return git(args, {
    repo: {gitDir: t.store, commonDir: t.store, workTree: t.folder},
    env: {GIT_INDEX_FILE: t.index},
    timeoutMs: 600_000,
    ...(input !== undefined ? {input} : {}),
  })
}

/** The folder's files now, as a tree in the store. */
export async function snapshotTree(t: ShadowTree): Promise<string> {
  await run(t, ['add', '-A', '--ignore-errors', ...(t.force ? ['--force'] : []), '--', '.', ...t.pathspec])
  return (await run(t, ['write-tree'])).trim()
}

/** Puts the folder's files back as they were in `saved` (files created since are deleted); returns what changed. */
export async function restoreTree(t: ShadowTree, saved: string): Promise<ChangedPath[]> {
  const now = await snapshotTree(t)
  const diff = (filter: string) =>
    run(t, [
      'diff-tree',
      '-r',
      '-z',
      '--name-only',
      `--diff-filter=${filter}`,
      saved,
      now,
      '--',
      '.',
      ...t.pathspec,
    ]).then((out) => out.split('\0').filter(Boolean))
  const created = await diff('A')
  const changed = await diff('MDT')
  for (const path of created) await unlink(join(t.folder, path)).catch(() => undefined)
  await run(t, ['read-tree', saved])
  if (changed.length) await run(t, ['checkout-index', '-f', '-z', '--stdin'], `${changed.join('\0')}\0`)
  return [...changed.map((path) => ({path, deleted: false})), ...created.map((path) => ({path, deleted: true}))]
}
