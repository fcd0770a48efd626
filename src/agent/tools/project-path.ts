import {realpathSync} from 'node:fs'
import {dirname, isAbsolute, relative, resolve, sep} from 'node:path'
import {ToolError} from './tool-error.js'

// Paths the model gives, resolved against the project root. Writes must stay inside it; symlinks are followed so
// that a link pointing out of the project cannot be used to escape.

function real(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    const parent = dirname(path)
    return parent === path ? path : resolve(real(parent), relative(parent, path))
  }
}

/** Whether `path` lies inside `root` (or is it), after following symlinks. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(real(root), real(path))
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/** An absolute path for a path the model gave (relative paths are relative to the root). */
export function projectPath(root: string, path: string): string {
  return resolve(root, path)
}

/** Like projectPath, but an error when the path is outside the project root. */
export function writablePath(root: string, path: string): string {
  const full = projectPath(root, path)
  if (!isInside(root, full))
    throw new ToolError(
      `Refused: \`${path}\` is outside the project root ${root}; only files inside it can be changed.`,
    )
  return full
}

/** The path as the model should see it: relative to the root when inside. */
export function displayPath(root: string, full: string): string {
  const rel = relative(root, full)
  return rel && !rel.startsWith('..') ? rel : full
}
