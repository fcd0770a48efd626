import {spawn} from 'node:child_process'
import {availableParallelism} from 'node:os'
import {killGroup, trackGroup} from '../../../util/process-groups.js'

// CPU contention for the stressed validation runs of `oac eval swe mine`: some tests pass on a quiet machine and
// fail on a busy one (a time limit inside the test, a fuzzer with a time budget: path-to-regexp's ReDoS checks with
// `recheck` passed five validation runs and failed the judge at load 9). Running a state again while the CPUs are
// busy brings them out, the way Shaker does (Silva, Teixeira, d'Amorim, "Shake It! Detecting Flaky Tests Caused by
// Concurrency with Shaker", ICSME 2020: tests run under CPU and memory noise). Each busy process is a session of its
// own: Linux's autogroup scheduler shares the CPUs between sessions first, so busy loops in oac's own session would
// only slow oac; other sessions are what a loaded machine is made of. A busy process ends on its own when oac is
// gone (its parent changes) or its time is up, and is killed as soon as the stressed run ends: a guard that fails
// leaves a loop that stops by itself, never one that runs on.

/** Busy processes per CPU by default: 8 on a 2-core box is load ~9, where the ReDoS checks failed. */
export const STRESS_PER_CPU = 4

export const defaultStressWorkers = (): number => STRESS_PER_CPU * availableParallelism()

/**
 * The busy loop: checks every ~1M turns whether oac is still its parent and its time is not up. oac's pid is written
 * in, not read at start: oac may be gone before a new process has read anything.
 */
const loop = (maxMs: number) =>
  `const end=Date.now()+${Math.ceil(maxMs)};for(let i=1;;i++){if((i&0xfffff)===0&&(process.ppid!==${process.pid}||Date.now()>end))process.exit(0)}`

/**
 * Runs `fn` while `workers` busy processes load the CPUs. `label` goes on their command lines (`ps` shows what they
 * load; tests find them by it). They live at most `maxMs`.
 */
export async function underLoad<T>(
  fn: () => Promise<T>,
  o: {workers: number; maxMs: number; label: string},
): Promise<T> {
  const hogs = Array.from({length: Math.max(0, o.workers)}, () => {
    const child = spawn(process.execPath, ['-e', loop(o.maxMs), 'oac-stress', o.label], {
      detached: true,
      stdio: 'ignore',
    })
    child.on('error', () => {})
    return {child, release: trackGroup(child.pid)}
  })
  try {
    return await fn()
  } finally {
    for (const h of hogs) {
      killGroup(h.child.pid, 'SIGKILL')
      h.release()
    }
  }
}
