import {appendFile, mkdir, mkdtemp, readFile, rm} from 'node:fs/promises'
import {dirname, join, resolve} from 'node:path'
import {execa} from 'execa'
import {oacHome} from '../../../paths.js'
import type {SweInstance} from '../dataset.js'
import {defaultReposDir} from '../load-tasks.js'
import {type HistoryCommit, listHistory} from './history.js'
import {splitOf} from './hold-out.js'
import type {StressOptions} from './measure.js'
import {appendState, loadState, lockState, type StateLine} from './mine-state.js'
import {mirrorRepo} from './mirror.js'
import {DROP_REASONS, type DropReason, type Outcome, precheck, validateCommit} from './validate.js'

// `oac eval swe mine`: tasks from a repository's own history. The newest commits on its first-parent line (since a
// date, up to a limit) go through validate.ts, N at a time, in oac's clone of the repository; each kept task is
// appended to --out as it is validated, and every commit's outcome to the run's state, so Ctrl-C loses nothing and
// the same command picks up where it stopped. The output is a dataset `oac eval swe --dataset` runs as is.

export interface MineOptions {
  path: string
  out: string
  since?: string | undefined
  until?: string | undefined
  limit?: number | undefined
  jobs: number
  /** Tasks whose change landed after this time (ms since the epoch) are the evaluation split. */
  holdOutAfter?: number | undefined
  /** Seconds for setup + tests of one validation run. */
  timeoutS: number
  reposDir?: string | undefined
  /** Runs of each fixed state under load (measure.ts); none when absent. */
  stress?: StressOptions | undefined
  signal: AbortSignal
}

export interface MineDrop {
  commit: string
  subject: string
  reason: DropReason
  detail: string
}

export interface MineReport {
  repo: string
  /** oac's clone the tasks' base commits live in (`--repos` of `oac eval swe`: its parent folder). */
  clone: string
  out: string
  status: 'complete' | 'partial'
  commits_scanned: number
  /** Commits that change code and tests, within the size limits: the ones whose tests ran. */
  candidates: number
  kept: number
  dropped: Record<DropReason, number>
  /** Commits an earlier run on the same --out had done. */
  resumed: number
  wall_s: number
  /** Wall time of this run over the commits it processed. */
  s_per_commit: number | null
  setup: {runs: number; cache_hits: number}
  /** Runs of each fixed state under load, and the busy processes during each (0 runs: none). */
  stress: StressOptions
  splits?: {train: number; eval: number}
  tasks: {instance_id: string; commit: string; fail_to_pass: number; pass_to_pass: number; split?: string}[]
  drops: MineDrop[]
}

export type MineEvent =
  | {type: 'start'; repo: string; total: number; done: number; kept: number}
  | {type: 'commit'; total: number; done: number; kept: number; sha: string; outcome: Outcome}

/** The tasks in --out (this run's and an earlier one's), as the report lists them. */
async function writtenTasks(out: string): Promise<MineReport['tasks']> {
  const text = await readFile(out, 'utf8')
  return text
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        const t = JSON.parse(line) as SweInstance
        return [
          {
            instance_id: t.instance_id,
            commit: t.commit ?? '',
            fail_to_pass: t.FAIL_TO_PASS.length,
            pass_to_pass: t.PASS_TO_PASS.length,
            ...(t.split ? {split: t.split} : {}),
          },
        ]
      } catch {
        return []
      }
    })
}

async function pytestInstalled(): Promise<boolean> {
  const r = await execa('python3', ['-c', 'import pytest'], {reject: false, stdin: 'ignore'})
  return r.exitCode === 0
}

export async function mine(o: MineOptions, emit: (e: MineEvent) => void = () => {}): Promise<MineReport> {
  const out = resolve(o.out)
  const release = await lockState(out)
  try {
    return await mineLocked(o, out, emit)
  } finally {
    await release()
  }
}

async function mineLocked(o: MineOptions, out: string, emit: (e: MineEvent) => void): Promise<MineReport> {
  const started = performance.now()
  const state = await loadState(out)
  const mirror = await mirrorRepo(o.path, o.reposDir ?? defaultReposDir())
  const history = await listHistory(mirror.clone, {
    from: 'refs/oac/mined-head',
    ...(o.since ? {since: o.since} : {}),
    ...(o.until ? {until: o.until} : {}),
    ...(o.limit ? {limit: o.limit} : {}),
  })
  const done = new Map(state.map((s) => [s.sha, s]))
  const lines: StateLine[] = history.flatMap((c) => done.get(c.sha) ?? [])
  const todo = history.filter((c) => !done.has(c.sha))
  const subjects = new Map(history.map((c) => [c.sha, c.subject]))
  const kept = () => lines.filter((l) => l.kept).length
  await mkdir(dirname(out), {recursive: true})
  await appendFile(out, '')
  await mkdir(join(oacHome(), 'swe', 'mine'), {recursive: true})
  const workRoot = await mkdtemp(join(oacHome(), 'swe', 'mine', 'work-'))
  const hasPytest = await pytestInstalled()
  emit({type: 'start', repo: mirror.repo, total: history.length, done: lines.length, kept: kept()})
  let processed = 0
  let next = 0
  const record = async (c: HistoryCommit, outcome: Outcome, seconds: number) => {
    if (outcome.kept) {
      const split = o.holdOutAfter !== undefined ? splitOf(c.date, o.holdOutAfter) : undefined
      const task = {...outcome.task, ...(split ? {split} : {})}
      await appendFile(out, `${JSON.stringify(task)}\n`)
    }
    const line: StateLine = {
      sha: c.sha,
      kept: outcome.kept,
      ...(outcome.kept ? {} : {reason: outcome.reason, detail: outcome.detail}),
      seconds,
      ...(outcome.setupCacheHit !== undefined ? {setupCacheHit: outcome.setupCacheHit} : {}),
    }
    await appendState(out, line)
    lines.push(line)
    processed++
    emit({type: 'commit', total: history.length, done: lines.length, kept: kept(), sha: c.sha, outcome})
  }
  const worker = async () => {
    while (next < todo.length && !o.signal.aborted) {
      const c = todo[next++]
      if (!c) break
      const t = performance.now()
      const pre = precheck(c)
      const outcome: Outcome = pre
        ? {kept: false, ...pre}
        : await validateCommit(c, {
            source: mirror.clone,
            repo: mirror.repo,
            workRoot,
            timeoutMs: o.timeoutS * 1000,
            hasPytest,
            stress: o.stress,
            signal: o.signal,
          }).catch((error: Error) => ({kept: false as const, reason: 'error' as const, detail: error.message}))
      // A commit cut short by Ctrl-C is not recorded: the next run validates it again.
      if (o.signal.aborted) break
      await record(c, outcome, Math.round(performance.now() - t) / 1000)
    }
  }
  try {
    await Promise.all(Array.from({length: Math.max(1, Math.min(o.jobs, todo.length))}, worker))
  } finally {
    await rm(workRoot, {recursive: true, force: true})
  }
  const wall = (performance.now() - started) / 1000
  const dropped = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<DropReason, number>
  for (const l of lines) if (!l.kept) dropped[(l.reason ?? 'error') as DropReason]++
  const setupRuns = lines.filter((l) => l.setupCacheHit !== undefined)
  const tasks = await writtenTasks(out)
  const splits = tasks.filter((t) => t.split)
  return {
    repo: mirror.repo,
    clone: mirror.clone,
    out,
    status: o.signal.aborted ? 'partial' : 'complete',
    commits_scanned: lines.length,
    candidates: lines.filter(
      (l) => l.kept || !['no_tests_changed', 'no_code_changed', 'too_large'].includes(l.reason ?? ''),
    ).length,
    kept: kept(),
    dropped,
    resumed: state.filter((s) => history.some((c) => c.sha === s.sha)).length,
    wall_s: Math.round(wall * 10) / 10,
    s_per_commit: processed ? Math.round((wall / processed) * 100) / 100 : null,
    setup: {runs: setupRuns.length, cache_hits: setupRuns.filter((l) => l.setupCacheHit).length},
    stress: o.stress ?? {runs: 0, workers: 0},
    ...(o.holdOutAfter !== undefined
      ? {
          splits: {
            train: splits.filter((t) => t.split === 'train').length,
            eval: splits.filter((t) => t.split === 'eval').length,
          },
        }
      : {}),
    tasks,
    drops: lines
      .filter((l) => !l.kept)
      .map((l) => ({
        commit: l.sha,
        subject: subjects.get(l.sha) ?? '',
        reason: (l.reason ?? 'error') as DropReason,
        detail: l.detail ?? '',
      })),
  }
}
