import {statSync} from 'node:fs'
import {access} from 'node:fs/promises'
import {dirname, join, resolve} from 'node:path'
import {projectRoot} from '../agent/project-root.js'
import {UsageError} from '../errors.js'
import {INDEX_DIR} from './index-store.js'
import {MANIFEST_FILE} from './manifest.js'

/** A project folder a flag names (`oac mcp --root`), checked before any server starts. */
export function projectFolder(path: string, flag = '--root'): string {
  const full = resolve(path)
  if (!statSync(full, {throwIfNoEntry: false})?.isDirectory())
    throw new UsageError(
      `${flag} ${path} is not a folder; give the project folder (where \`oac index\` built .oac/index)`,
    )
  return full
}

/** The folder whose .oac/index serves `cwd`: the nearest one above it that has an index, else the git root. */
export async function findIndexRoot(cwd: string): Promise<string> {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (
      await access(join(dir, INDEX_DIR, MANIFEST_FILE)).then(
        () => true,
        () => false,
      )
    )
      return dir
    if (dirname(dir) === dir) return projectRoot(cwd)
  }
}
