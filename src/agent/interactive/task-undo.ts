import type {Checkpoints, RestoredFile} from '../checkpoints/checkpoints.js'
import {applyRestore, keptPaths, planRestore, restoring} from '../checkpoints/restore-plan.js'
import {GIT_DIR, TaskChanges, type TaskRecord} from '../checkpoints/task-changes.js'
import type {AgentTool} from '../tools/tool.js'

// /undo takes back what the agent changed in its last task and nothing else: the paths recorded as it worked
// (checkpoints/task-changes.ts) go back as they were when the task began, decided as `--rewind` decides for a whole
// session (checkpoints/restore-plan.ts): ones changed again since the task ended are kept unless /undo all, and what
// else changed since the task began is listed and never touched. The state just before an undo is saved, so /redo
// puts it back.

export interface UndoReport {
  restored: RestoredFile[]
  /** Paths the agent changed that were changed again since the task ended: kept unless `all`. */
  keptConflicts: string[]
  /** Paths changed since the task began that the agent did not touch: never restored. */
  keptOthers: string[]
  /** Put back from the task's checkpoint (so /redo can take it back), not from the tools' own snapshots. */
  checkpointed: boolean
  /** Commands the task ran while no checkpoint could be saved: what they changed cannot be undone. */
  unrecordedCommands?: number
}

export class TaskUndo {
  private readonly changes: TaskChanges
  /** The last task, once it ended (what is left to undo of it). */
  private record: TaskRecord | undefined
  /** The state before the last undo and the paths it restored, for /redo. */
  private undone: {before: string; paths: string[]} | undefined

  constructor(
    private readonly checkpoints: Checkpoints,
    root: string,
  ) {
    this.changes = new TaskChanges(checkpoints, root)
  }

  /** A task begins at `checkpoint` (undefined: none could be saved, nothing of its commands can be undone). */
  begin(checkpoint: string | undefined): void {
    this.changes.begin(checkpoint)
    this.record = undefined
  }

  /** A tool wrote `path` (absolute). */
  wrote(path: string): void {
    this.changes.wrote(path)
  }

  /** `bash`, with what each command changes recorded. */
  watch(tool: AgentTool): AgentTool {
    return this.changes.watch(tool)
  }

  /** The task ended: its record saved in the session's checkpoints (for /undo now, and --rewind later). */
  async finish(sessionId: string): Promise<void> {
    this.record = await this.changes.finish(sessionId)
  }

  /** Whether the last task had a checkpoint and changed something. */
  get canUndo(): boolean {
    return !!this.record?.paths.length
  }

  /** Commands the last task ran without a checkpoint (their changes cannot be undone); 0 when it had one. */
  get unrecordedCommands(): number {
    return this.changes.checkpoint ? 0 : this.changes.commands
  }

  async undo(sessionId: string, all: boolean): Promise<UndoReport> {
    const record = this.record
    if (!record?.paths.length) return {restored: [], keptConflicts: [], keptOthers: [], checkpointed: true}
    const [files, gitDir] = await Promise.all([this.checkpoints.snapshot(), this.checkpoints.snapshotGitDir()])
    const plan = await planRestore(this.checkpoints, [record], {files, gitDir})
    const keptConflicts = all ? [] : keptPaths(plan)
    const paths = restoring(plan, all)
    if (!paths.length) {
      this.record = keptConflicts.length ? record : undefined
      return {restored: [], keptConflicts, keptOthers: plan.others, checkpointed: true}
    }
    const before = await this.checkpoints.save(sessionId, 'before /undo', {restored: JSON.stringify(paths)})
    const restored = await applyRestore(this.checkpoints, plan, all)
    this.undone = {before, paths}
    // What was kept can still be put back with /undo all; the rest is done.
    this.record = keptConflicts.length ? {...record, paths: keptConflicts} : undefined
    return {restored, keptConflicts, keptOthers: plan.others, checkpointed: true}
  }

  /** Puts back what the last undo restored, as it was just before it; [] when there was no undo. */
  async redo(): Promise<RestoredFile[]> {
    const u = this.undone
    this.undone = undefined
    if (!u) return []
    const files = await this.checkpoints.restorePaths(
      u.before,
      u.paths.filter((p) => p !== GIT_DIR),
    )
    return u.paths.includes(GIT_DIR) ? [...files, ...(await this.checkpoints.restoreGitDir(u.before))] : files
  }
}
