import type {SweInstance} from './dataset.js'
import {judge, resetTests} from './judge.js'
import {runTests} from './run-tests.js'
import {checkout} from './workspace.js'

// The admission rule of a task: with only test_patch applied every FAIL_TO_PASS fails and every PASS_TO_PASS
// passes; with the gold patch the task resolves; with an empty patch it does not.

export interface Admission {
  instance_id: string
  problems: string[]
}

export async function checkAdmission(instance: SweInstance, source: string, workRoot: string): Promise<Admission> {
  const problems: string[] = []
  const ws = await checkout(source, instance.base_commit, workRoot)
  try {
    await resetTests(ws.dir, instance)
    const ids = [...instance.FAIL_TO_PASS, ...instance.PASS_TO_PASS]
    const before = await runTests(instance.test_cmd, ids, {cwd: ws.dir, deadline: Date.now() + 120_000})
    if (!before.ok) problems.push(`before the fix: ${before.reason}`)
    else {
      for (const id of instance.FAIL_TO_PASS)
        if (before.report.get(id)?.status !== 'failed') problems.push(`FAIL_TO_PASS ${id} does not fail before the fix`)
      for (const id of instance.PASS_TO_PASS)
        if (before.report.get(id)?.status !== 'passed') problems.push(`PASS_TO_PASS ${id} does not pass before the fix`)
    }
  } finally {
    await ws.dispose()
  }
  const gold = await judge(instance, instance.patch, {source, workRoot, timeoutMs: 120_000})
  if (gold.status !== 'resolved') problems.push(`gold patch: ${gold.status} (${gold.reason})`)
  const empty = await judge(instance, '', {source, workRoot, timeoutMs: 120_000})
  if (empty.status === 'resolved') problems.push('the empty patch resolves it')
  return {instance_id: instance.instance_id, problems}
}
