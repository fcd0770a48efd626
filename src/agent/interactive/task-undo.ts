import {relative, sep} from 'node:path'
import type {Checkpoints, RestoredFile} from '../checkpoints/checkpoints.js'
import type {AgentTool} from '../tools/tool.js'

// /undo takes back what the agent changed in its last task and nothing else. The paths its tools wrote, and the
// paths each of its commands changed (the files compared before and after every bash call), are recorded as they
// happen. Undo puts back those paths as they were when the task began, except ones changed again since the task
// ended (by the user): those, and whatever else changed since the task began, are listed and kept unless the user
// asks for them too (/undo all). The state just before an undo is saved, so /redo puts it back.

export interface UndoReport {
  restored: RestoredFile[]
  /** Paths the agent changed that were changed again since the task ended: kept unless `all`. */
  keptConflicts: string[]
  /** Paths changed since the task began that the agent did not touch: never restored. */
  keptOthers: string[]
}

export class TaskUndo {
  /** The task's starting checkpoint and the files' tree at its end. */
  private start: string | undefined
  private end: string | undefined
  private readonly touched = new Set<string>()
  /** The state before the last undo and the paths it restored, for /redo. */
  private undone: {before: string; paths: string[]} | undefined

  constructor(
    private readonly checkpoints: Checkpoints,
    private readonly root: string,
  ) {}

  /** A task begins at `checkpoint` (undefined: none could be saved, nothing to undo). */
  begin(checkpoint: string | undefined): void {
    this.start = checkpoint
    this.end = undefined
    this.touched.clear()
  }

  /** A tool wrote `path` (absolute). */
  wrote(path: string): void {
    const rel = relative(this.root, path).split(sep).join('/')
    if (rel && !rel.startsWith('..')) this.touched.add(rel)
  }

  /** The task ended: its files' state, to tell the user's later changes from the agent's. */
  async finish(): Promise<void> {
    if (this.start) this.end = await this.checkpoints.snapshot().catch(() => undefined)
  }

  /** `bash` with the files compared before and after each command, so that what it changed is recorded. */
  watch(tool: AgentTool): AgentTool {
    if (tool.spec.function.name !== 'bash') return tool
    return {
      ...tool,
      run: async (args, ctx) => {
        const before = this.start ? await this.checkpoints.snapshot().catch(() => undefined) : undefined
        try {
          return await tool.run(args, ctx)
        } finally {
          if (before) {
            const after = await this.checkpoints.snapshot().catch(() => undefined)
            if (after) for (const p of await this.checkpoints.changedPaths(before, after)) this.touched.add(p)
          }
        }
      },
    }
  }

  get canUndo(): boolean {
    return this.start !== undefined && this.touched.size > 0
  }

  async undo(sessionId: string, all: boolean): Promise<UndoReport> {
    const start = this.start
    if (!start || !this.touched.size) return {restored: [], keptConflicts: [], keptOthers: []}
    const before = await this.checkpoints.save(sessionId, 'before /undo')
    const sinceStart = await this.checkpoints.changedPaths(start, before)
    const sinceEnd = new Set(this.end ? await this.checkpoints.changedPaths(this.end, before) : [])
    const agent = [...this.touched]
    const keptConflicts = all ? [] : agent.filter((p) => sinceEnd.has(p))
    const paths = agent.filter((p) => !keptConflicts.includes(p))
    const restored = await this.checkpoints.restorePaths(start, paths)
    this.undone = {before, paths}
    // What was kept can still be put back with /undo all; the rest is done.
    this.touched.clear()
    for (const p of keptConflicts) this.touched.add(p)
    if (!keptConflicts.length) this.start = undefined
    return {restored, keptConflicts, keptOthers: sinceStart.filter((p) => !agent.includes(p))}
  }

  /** Puts back what the last undo restored, as it was just before it; [] when there was no undo. */
  async redo(): Promise<RestoredFile[]> {
    const u = this.undone
    this.undone = undefined
    return u ? this.checkpoints.restorePaths(u.before, u.paths) : []
  }
}
