import {git} from '../git.js'
import {applyPatch} from '../model-patch.js'
import {runTests} from '../run-tests.js'
import type {TestReport} from '../test-results.js'
import {underLoad} from './stress.js'
import {type TestLists, testLists} from './test-lists.js'

// The validation runs of one test command in a checkout that holds base + test_patch: before the fix twice, the
// gold patch applied, after the fix twice, then `stress.runs` more times while busy processes load the CPUs
// (stress.ts), and the patch taken out again (so the checkout can be measured with another command). A runner that
// prints no report before the fix (the test file imports what the fix adds) counts as no test having run; after the
// fix it is a drop, and so is a suite that gives no report under load (on a busy judge it would give none either).

export interface StressOptions {
  /** Runs of the fixed state under load (0: none). */
  runs: number
  /** Busy processes during each. */
  workers: number
}

export interface Measured {
  lists: TestLists
  /** The first run before the fix: its report (undefined when the test file did not load) and output. */
  before: {report: TestReport | undefined; log: string}
  /**
   * Whether any test passed after the fix, file-level entries left out (else the files run hold no test: a table of
   * cases or a helper named like a test).
   */
  anyPassed: boolean
  slowestMs: number
}

export type Measurement =
  | {ok: true; m: Measured}
  | {ok: false; reason: 'error' | 'gold_did_not_pass' | 'flaky'; detail: string}

/** A report without the entries named by the checkout's own path (node --test names a file with no test by it). */
function portable(report: TestReport, dir: string): TestReport {
  return new Map([...report].filter(([id]) => !id.includes(dir)))
}

/**
 * Two runs of one state, the second skipped when the first could not run the tests (timed out, runner missing): the
 * commit is dropped either way, and a suite that hangs would cost the whole time budget twice.
 */
async function twice<R extends {error?: string}>(run: () => Promise<R>): Promise<R[]> {
  const first = await run()
  return first.error ? [first] : [first, await run()]
}

export async function measure(
  dir: string,
  testCmd: string,
  patch: string,
  o: {timeoutMs: number; signal?: AbortSignal | undefined; stress?: StressOptions | undefined},
): Promise<Measurement> {
  let slowestMs = 0
  const run = async (loaded = false) => {
    const t = Date.now()
    const r = await runTests(testCmd, [], {cwd: dir, deadline: t + o.timeoutMs, signal: o.signal})
    // The task's timeout_s comes from the quiet runs: a loaded run is slow on purpose.
    if (!loaded) slowestMs = Math.max(slowestMs, Date.now() - t)
    if (r.ok) return {report: r.report as TestReport | undefined, log: r.log}
    if (r.kind === 'no_report' && r.exitCode) return {report: undefined, log: r.log, reason: r.reason}
    return {report: undefined, log: r.log, error: r.reason}
  }
  const before = await twice(run)
  const broken = before.find((b) => b.error)
  if (broken?.error) return {ok: false, reason: 'error', detail: `before the fix: ${broken.error}`}
  try {
    await applyPatch(dir, patch)
  } catch (error) {
    return {ok: false, reason: 'error', detail: `the patch does not apply on the parent: ${(error as Error).message}`}
  }
  const after = await twice(() => run())
  const bad = after.find((a) => !a.report)
  const loaded: Awaited<ReturnType<typeof run>>[] = []
  const stress = {workers: o.stress?.workers ?? 0, maxMs: o.timeoutMs + 5000, label: dir}
  let badLoaded: (typeof loaded)[number] | undefined
  for (let i = 0; !bad && !badLoaded && i < (o.stress?.runs ?? 0) && !o.signal?.aborted; i++) {
    const r = await underLoad(() => run(true), stress)
    if (r.report) loaded.push(r)
    else badLoaded = r
  }
  if (patch.trim()) await git(dir, ['apply', '-R', '--binary', '-'], patch.endsWith('\n') ? patch : `${patch}\n`)
  if (bad) return {ok: false, reason: 'gold_did_not_pass', detail: `after the fix: ${bad.error ?? bad.reason}`}
  if (badLoaded)
    return {ok: false, reason: 'flaky', detail: `after the fix, under load: ${badLoaded.error ?? badLoaded.reason}`}
  const report = (x: {report: TestReport | undefined}): TestReport => portable(x.report ?? new Map(), dir)
  const fileLevel = (id: string) => /::/.test(id) && id.split('::')[0] === id.split('::')[1]
  const quiet = after.map(report)
  const anyPassed = quiet.some((r) => [...r].some(([id, t]) => t.status === 'passed' && !t.alias && !fileLevel(id)))
  return {
    ok: true,
    m: {
      lists: testLists(before.map(report), [...quiet, ...loaded.map(report)]),
      before: before[0] as Measured['before'],
      anyPassed,
      slowestMs,
    },
  }
}
