import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {ScriptRule} from '../../../src/engines/sim/script.js'
import type {SweInstance} from '../../../src/evals/swe/dataset.js'
import {patchCalls, taskRule} from '../../../src/evals/swe/gold-script.js'
import {loadTasks} from '../../../src/evals/swe/load-tasks.js'
import {repoDir} from '../../../src/evals/swe/workspace.js'

// The shipped suite built into a temp folder, as `oac eval swe --repos DIR` builds it.

export async function shippedSuite() {
  const reposDir = mkdtempSync(join(tmpdir(), 'oac-swe-repos-'))
  const {instances, prepare} = await loadTasks({reposDir})
  await prepare(instances)
  const source = (i: SweInstance) => repoDir(reposDir, i.repo) as string
  return {reposDir, instances, source}
}

/** Script rules that make the built-in agent apply each instance's gold patch with edit/write calls. */
export async function goldRules(instances: SweInstance[], reposDir: string): Promise<ScriptRule[]> {
  const work = mkdtempSync(join(tmpdir(), 'oac-swe-gold-'))
  const rules: ScriptRule[] = []
  for (const i of instances)
    rules.push(taskRule(i, await patchCalls(i, i.patch, repoDir(reposDir, i.repo) as string, work)))
  return rules
}
