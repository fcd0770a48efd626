import {git} from '../git.js'
import {applyPatch} from '../model-patch.js'
import {runTests} from '../run-tests.js'
import type {TestReport} from '../test-results.js'
import {type TestLists, testLists} from './test-lists.js'

// The four validation runs of one test command in a checkout that holds base + test_patch: before the fix twice,
// the gold patch applied, after the fix twice, and the patch taken out again (so the checkout can be measured with
// another command). A runner that prints no report before the fix (the test file imports what the fix adds) counts
// as no test having run; after the fix it is a drop.

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

export type Measurement = {ok: true; m: Measured} | {ok: false; reason: 'error' | 'gold_did_not_pass'; detail: string}

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
  o: {timeoutMs: number; signal?: AbortSignal | undefined},
): Promise<Measurement> {
  let slowestMs = 0
  const run = async () => {
    const t = Date.now()
    const r = await runTests(testCmd, [], {cwd: dir, deadline: t + o.timeoutMs, signal: o.signal})
    slowestMs = Math.max(slowestMs, Date.now() - t)
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
  const after = await twice(run)
  if (patch.trim()) await git(dir, ['apply', '-R', '--binary', '-'], patch.endsWith('\n') ? patch : `${patch}\n`)
  const bad = after.find((a) => !a.report)
  if (bad) return {ok: false, reason: 'gold_did_not_pass', detail: `after the fix: ${bad.error ?? bad.reason}`}
  const report = (x: {report: TestReport | undefined}): TestReport => portable(x.report ?? new Map(), dir)
  const [b1, b2] = before.map(report) as [TestReport, TestReport]
  const [a1, a2] = after.map(report) as [TestReport, TestReport]
  const fileLevel = (id: string) => /::/.test(id) && id.split('::')[0] === id.split('::')[1]
  const anyPassed = [...a1, ...a2].some(([id, t]) => t.status === 'passed' && !t.alias && !fileLevel(id))
  return {
    ok: true,
    m: {lists: testLists([b1, b2], [a1, a2]), before: before[0] as Measured['before'], anyPassed, slowestMs},
  }
}
