import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {expect} from 'vitest'
import {checkAdmission} from '../../../src/evals/swe/admission.js'
import {shippedSuite} from './suite-env.js'

// The admission rule of the shipped suite, checked for the tasks whose ids start with one of `prefixes`,
// three at a time: before the fix every FAIL_TO_PASS fails (and PASS_TO_PASS passes), the gold patch resolves,
// the empty patch does not.
export async function admits(prefixes: string[]) {
  const suite = await shippedSuite()
  const instances = suite.instances.filter((i) => prefixes.some((p) => i.instance_id.startsWith(p)))
  expect(instances.length).toBeGreaterThanOrEqual(5)
  const work = mkdtempSync(join(tmpdir(), 'oac-swe-admit-'))
  const results: {instance_id: string; problems: string[]}[] = []
  let next = 0
  const worker = async () => {
    for (let i = instances[next++]; i; i = instances[next++])
      results.push(await checkAdmission(i, suite.source(i), work))
  }
  await Promise.all([worker(), worker(), worker()])
  expect(results.filter((r) => r.problems.length)).toEqual([])
  expect(results).toHaveLength(instances.length)
}
