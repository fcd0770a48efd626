import type {Checkpoints, RestoredFile} from './checkpoints.js'
import {GIT_DIR, type TaskRecord} from './task-changes.js'

// /undo (one task) and `oac agent --rewind` (a session's tasks) decide the same way what to put back:
// - a path the agent changed goes back as it was when the first task that changed it began;
// - unless it was changed again after the agent changed it (between tasks, or after the last one): then it is kept,
//   and listed, unless the person asks for it too (`all`);
// - a task that never ended cleanly left no record: whatever changed from its start is treated as the agent's but
//   not known for sure, so it is kept unless `all`;
// - paths changed since the first task began that the agent never touched are listed and never touched;
// - `.git` is one path: put back whole (refs, HEAD, index, ...) on the same rules.
// A path that is already as it was is left out.

export interface PlannedPath {
  path: string
  /** The saved state it goes back to. */
  source: string
  /** Changed again since the agent changed it (or not known): put back only with `all`. */
  kept: boolean
}

export interface RestorePlan {
  paths: PlannedPath[]
  /** Changed since the first task began, not by the agent: never put back. */
  others: string[]
  /** `.git` as one path, when the agent's commands changed it and it differs now. */
  gitDir?: PlannedPath
}

/** The project now: its files as a tree in the store, and its `.git` (undefined without one). */
export interface ProjectNow {
  files: string
  gitDir: string | undefined
}

export async function planRestore(cp: Checkpoints, tasks: TaskRecord[], now: ProjectNow): Promise<RestorePlan> {
  const first = tasks[0]
  if (!first) return {paths: [], others: []}
  const diffs = new Map<string, Set<string>>()
  const diff = async (from: string, to: string) => {
    const key = `${from} ${to}`
    if (!diffs.has(key)) diffs.set(key, new Set(await cp.changedPaths(from, to)))
    return diffs.get(key) as Set<string>
  }
  const gitDirs = new Map<string, string | undefined>([['now', now.gitDir]])
  const gitDirOf = async (state: string) => {
    if (!gitDirs.has(state)) gitDirs.set(state, await cp.savedGitDir(state))
    return gitDirs.get(state)
  }
  const firstTouch = new Map<string, number>()
  const changedAfter: Set<string>[] = []
  const unsure = new Set<string>()
  for (const [k, task] of tasks.entries()) {
    const next = tasks[k + 1]?.start
    const nextFiles = next ?? now.files
    let touched: string[]
    if (task.end) {
      touched = task.paths
      const gap = new Set(await diff(task.end, nextFiles))
      if ((await gitDirOf(task.end)) !== (await gitDirOf(next ?? 'now'))) gap.add(GIT_DIR)
      changedAfter.push(gap)
    } else {
      touched = [...(await diff(task.start, nextFiles))]
      if ((await gitDirOf(task.start)) !== (await gitDirOf(next ?? 'now'))) touched.push(GIT_DIR)
      for (const p of touched) unsure.add(p)
      changedAfter.push(new Set())
    }
    for (const p of touched) if (!firstTouch.has(p)) firstTouch.set(p, k)
  }
  const planned: PlannedPath[] = []
  for (const [path, k] of firstTouch) {
    const source = (tasks[k] as TaskRecord).start
    const differs =
      path === GIT_DIR ? (await gitDirOf(source)) !== now.gitDir : (await diff(source, now.files)).has(path)
    if (!differs) continue
    const kept = unsure.has(path) || changedAfter.slice(k).some((gap) => gap.has(path))
    planned.push({path, source, kept})
  }
  const since = await diff(first.start, now.files)
  return {
    paths: planned.filter((p) => p.path !== GIT_DIR).sort((a, b) => a.path.localeCompare(b.path)),
    others: [...since].filter((p) => !firstTouch.has(p)).sort(),
    ...(planned.find((p) => p.path === GIT_DIR) ? {gitDir: planned.find((p) => p.path === GIT_DIR)} : {}),
  }
}

/** Puts back the planned paths (the kept ones too with `all`); returns what changed, work files first. */
export async function applyRestore(cp: Checkpoints, plan: RestorePlan, all: boolean): Promise<RestoredFile[]> {
  const bySource = new Map<string, string[]>()
  for (const p of plan.paths) if (all || !p.kept) bySource.set(p.source, [...(bySource.get(p.source) ?? []), p.path])
  const restored: RestoredFile[] = []
  for (const [source, paths] of bySource) restored.push(...(await cp.restorePaths(source, paths)))
  restored.sort((a, b) => a.path.localeCompare(b.path))
  if (plan.gitDir && (all || !plan.gitDir.kept)) restored.push(...(await cp.restoreGitDir(plan.gitDir.source)))
  return restored
}

/** The paths an apply with `all` would leave alone (changed again since the agent changed them). */
export function keptPaths(plan: RestorePlan): string[] {
  return [...plan.paths, ...(plan.gitDir ? [plan.gitDir] : [])].filter((p) => p.kept).map((p) => p.path)
}

/** The paths an apply puts back (GIT_DIR for `.git`). */
export function restoring(plan: RestorePlan, all: boolean): string[] {
  return [...plan.paths, ...(plan.gitDir ? [plan.gitDir] : [])].filter((p) => all || !p.kept).map((p) => p.path)
}
