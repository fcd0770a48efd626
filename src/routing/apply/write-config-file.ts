import {copyFile, mkdir, readFile} from 'node:fs/promises'
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

/**
 * Merges oac's settings into one client file: reads and parses what is there, writes only when the text changes,
 * backs the old file up first (`<file>.oac-backup-<time>`), and reports the diff. `dryRun` writes nothing.
 */
export async function writeConfigFile(file: ConfigFile, options: {dryRun: boolean; now: Date}): Promise<FileResult> {
  const before = await readIfThere(file.path)
  const next = serializeConfig(file.merge(parseConfig(before ?? '', file.format, file.path)), file.format)
  if (before === next) return {path: file.path, outcome: 'unchanged'}
  const diff = createTwoFilesPatch(file.path, file.path, before ?? '', next, 'before', 'after oac route apply')
  if (options.dryRun) return {path: file.path, outcome: 'written', diff}
  await mkdir(dirname(file.path), {recursive: true})
  let backup: string | undefined
  if (before !== undefined) {
    backup = `${file.path}.oac-backup-${options.now.toISOString().replace(/[:.]/g, '-')}`
    await copyFile(file.path, backup)
  }
  await atomicWrite(file.path, next, before === undefined ? file.mode : undefined)
  return {path: file.path, outcome: 'written', diff, ...(backup ? {backup} : {})}
}
