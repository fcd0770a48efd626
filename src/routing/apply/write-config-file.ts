import {chmod, copyFile, mkdir, readFile, stat} from 'node:fs/promises'
import {dirname} from 'node:path'
import {createTwoFilesPatch} from 'diff'
import {atomicWrite} from '../../agent/tools/atomic-write.js'
import {parseConfig, serializeConfig} from './formats.js'
import type {ConfigFile, FileResult} from './types.js'

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`

/**
 * A file holding a key that someone loosened (Qwen Code rewrites its settings 0644) goes back to `mode`: the
 * change as `0644 -> 0600`, or undefined when it was tight enough (or is not there yet). `dryRun` changes nothing.
 */
async function tighten(path: string, mode: number | undefined, dryRun: boolean): Promise<string | undefined> {
  if (mode === undefined) return undefined
  const current = await stat(path).then(
    (s) => s.mode & 0o777,
    () => undefined,
  )
  if (current === undefined || (current & ~mode) === 0) return undefined
  if (!dryRun) await chmod(path, mode)
  return `${octal(current)} -> ${octal(mode)}`
}

/**
 * Merges oac's settings into one client file: reads and parses what is there, writes only when the text changes,
 * backs the old file up first (`<file>.oac-backup-<time>`, as private as the file should be), and reports the diff.
 * A file holding a key gets its mode back when a client loosened it, written or not. `dryRun` writes nothing.
 */
export async function writeConfigFile(file: ConfigFile, options: {dryRun: boolean; now: Date}): Promise<FileResult> {
  const before = await readIfThere(file.path)
  const next = serializeConfig(file.merge(parseConfig(before ?? '', file.format, file.path)), file.format)
  const tightened = await tighten(file.path, file.mode, options.dryRun)
  const modeFix = tightened ? {tightened} : {}
  if (before === next) return {path: file.path, outcome: 'unchanged', ...modeFix}
  const diff = createTwoFilesPatch(file.path, file.path, before ?? '', next, 'before', 'after oac route apply')
  if (options.dryRun) return {path: file.path, outcome: 'written', diff, ...modeFix}
  await mkdir(dirname(file.path), {recursive: true})
  let backup: string | undefined
  if (before !== undefined) {
    backup = `${file.path}.oac-backup-${options.now.toISOString().replace(/[:.]/g, '-')}`
    await copyFile(file.path, backup)
    if (file.mode !== undefined) await chmod(backup, file.mode)
  }
  await atomicWrite(file.path, next, before === undefined ? file.mode : undefined)
  return {path: file.path, outcome: 'written', diff, ...(backup ? {backup} : {}), ...modeFix}
}
