import {unlink} from 'node:fs/promises'
import {atomicWrite} from '../tools/atomic-write.js'
import type {FileChange} from '../tools/tool.js'

// /undo: the text every file had before the current task first changed it, so that the task's changes can be
// taken back. A new task starts a new set; only the last task can be undone (once).

export interface RestoredFile {
  path: string
  /** The file did not exist before the task, and was deleted. */
  deleted: boolean
}

export class TurnSnapshots {
  private before = new Map<string, string | undefined>()

  /** Forget the last task's snapshots: a new task begins. */
  begin(): void {
    this.before = new Map()
  }

  /** Note a change; only the first change of a file in a task holds its original text. */
  record(change: Pick<FileChange, 'path' | 'before'>): void {
    if (!this.before.has(change.path)) this.before.set(change.path, change.before)
  }

  /** The files changed since begin(). */
  get paths(): string[] {
    return [...this.before.keys()]
  }

  /** Puts back every file as it was before the task (deleting the ones it created); then there is nothing to undo. */
  async undo(): Promise<RestoredFile[]> {
    const restored: RestoredFile[] = []
    for (const [path, text] of this.before) {
      if (text === undefined) await unlink(path).catch(() => undefined)
      else await atomicWrite(path, text)
      restored.push({path, deleted: text === undefined})
    }
    this.before = new Map()
    return restored
  }
}
