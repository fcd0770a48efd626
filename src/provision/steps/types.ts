import {existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {chmod} from 'node:fs/promises'
import {dirname} from 'node:path'
import type {PlannedFile} from '../files.js'

// A setup step as data: what it would run and write (for --dry-run and --emit-ansible), whether it is already
// done (for re-runs), and how to do it.

export type Group = 'engine' | 'models' | 'service'

export interface Step {
  id: string
  group: Group
  title: string
  /** What the user should know: pitfalls, assumptions. */
  notes: string[]
  /** Commands it runs, argv each, in order. */
  commands: string[][]
  files: PlannedFile[]
  /** Other effects in words: downloads, HTTP requests, store writes. */
  actions: string[]
  /** Whether the step's work is already there; `{note}`: it is, with something the user should know about it. */
  isDone(): Promise<boolean | {note: string}>
  run(log: (line: string) => void): Promise<void>
}

export function step(s: Partial<Step> & Pick<Step, 'id' | 'group' | 'title' | 'isDone' | 'run'>): Step {
  return {notes: [], commands: [], files: [], actions: [], ...s}
}

/** True when every file exists with exactly this content and mode. */
export function filesCurrent(files: PlannedFile[]): boolean {
  return files.every((f) => {
    if (!existsSync(f.path)) return false
    return readFileSync(f.path, 'utf8') === f.content && (statSync(f.path).mode & 0o777) === f.mode
  })
}

export async function writeFiles(files: PlannedFile[], log: (line: string) => void): Promise<void> {
  for (const f of files) {
    mkdirSync(dirname(f.path), {recursive: true})
    writeFileSync(f.path, f.content, {mode: f.mode})
    await chmod(f.path, f.mode)
    log(`wrote ${f.path}`)
  }
}
