import {relative, sep} from 'node:path'
import type {AgentTool} from '../tools/tool.js'
import type {Checkpoints} from './checkpoints.js'

// What the agent changed during one task, recorded as it happens: the paths its tools wrote, and the paths each of
// its commands changed (the files, and `.git`, compared before and after every bash call). At the task's end the
// record is saved with the files' state in the checkpoint store (a `task end` state naming its `task start`), so
// that /undo and, later, `oac agent --rewind` put back what the agent changed and nothing the user did.

/** The path that stands for the project's `.git` folder (refs, HEAD, index, ...) in a record. */
export const GIT_DIR = '.git'

export interface TaskRecord {
  /** The checkpoint saved when the task began. */
  start: string
  /** The state saved when it ended; absent when it never ended cleanly (oac was killed): then nothing is known. */
  end?: string
  /** The paths the agent changed (relative, `/`-separated), GIT_DIR when its commands changed the repository. */
  paths: string[]
}

export class TaskChanges {
  private start: string | undefined
  private readonly touched = new Set<string>()
  private commandCount = 0

  constructor(
    private readonly checkpoints: Checkpoints,
    private readonly root: string,
  ) {}

  /** A task begins at `checkpoint` (undefined: none could be saved, so what its commands change is not known). */
  begin(checkpoint: string | undefined): void {
    this.start = checkpoint
    this.touched.clear()
    this.commandCount = 0
  }

  /** The task's starting checkpoint, if one was saved. */
  get checkpoint(): string | undefined {
    return this.start
  }

  /** Paths the agent changed so far in this task. */
  get paths(): string[] {
    return [...this.touched]
  }

  /** Commands (bash calls) the task ran. */
  get commands(): number {
    return this.commandCount
  }

  /** A tool wrote `path` (absolute). */
  wrote(path: string): void {
    const rel = relative(this.root, path).split(sep).join('/')
    if (rel && !rel.startsWith('..')) this.touched.add(rel)
  }

  /** `bash` with the files and `.git` compared before and after each command, so that what it changed is recorded. */
  watch(tool: AgentTool): AgentTool {
    if (tool.spec.function.name !== 'bash') return tool
    return {
      ...tool,
      run: async (args, ctx) => {
        this.commandCount++
        const before = this.start ? await this.states() : undefined
        try {
          return await tool.run(args, ctx)
        } finally {
          const after = before && (await this.states())
          if (before?.files && after?.files)
            for (const p of await this.checkpoints.changedPaths(before.files, after.files)) this.touched.add(p)
          if (before && after && before.gitDir !== after.gitDir) this.touched.add(GIT_DIR)
        }
      },
    }
  }

  private async states(): Promise<{files: string | undefined; gitDir: string | undefined}> {
    const [files, gitDir] = await Promise.all([
      this.checkpoints.snapshot().catch(() => undefined),
      this.checkpoints.snapshotGitDir().catch(() => undefined),
    ])
    return {files, gitDir}
  }

  /** The task ended: its record saved with the files' state in the store. Undefined without a starting checkpoint. */
  async finish(session: string): Promise<TaskRecord | undefined> {
    const start = this.start
    if (!start) return undefined
    const paths = this.paths
    const end = await this.checkpoints
      .save(session, 'task end', {'task-start': start, changed: JSON.stringify(paths)})
      .catch(() => undefined)
    return {start, ...(end ? {end} : {}), paths}
  }
}

/** The tasks of a session as saved in the store, oldest first (one that never ended has no `end`). */
export async function taskRecords(checkpoints: Checkpoints, session: string): Promise<TaskRecord[]> {
  const saved = await checkpoints.saved(session)
  const ends = new Map(saved.filter((s) => s.label === 'task end').map((s) => [s.trailers['task-start'], s]))
  return saved
    .filter((s) => s.label === 'task start')
    .map((s) => {
      const end = ends.get(s.commit)
      return end
        ? {start: s.commit, end: end.commit, paths: parsePaths(end.trailers.changed)}
        : {start: s.commit, paths: []}
    })
}

function parsePaths(json: string | undefined): string[] {
  try {
    const list: unknown = JSON.parse(json ?? '[]')
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : []
  } catch {
    return []
  }
}
