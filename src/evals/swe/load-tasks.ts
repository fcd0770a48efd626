import {join} from 'node:path'
import {oacHome} from '../../paths.js'
import {loadDataset, type SweInstance} from './dataset.js'
import {materializeSuite} from './suite-repos.js'
import {loadTaskSpecs, SUITE_DIR} from './suite-spec.js'

// Where a run's instances and repositories come from: a user's dataset with its repositories under --repos (default
// oac's data dir, where `oac eval swe mine` keeps the clones it mines), or the shipped suite, whose repositories are
// built on first use into oac's data dir.

export interface TaskSource {
  instances: SweInstance[]
  reposDir: string
  /** Makes the repositories of `picked` ready (the shipped suite builds them on first use). */
  prepare(picked: SweInstance[]): Promise<void>
}

export async function loadTasks(o: {dataset?: string; reposDir?: string}): Promise<TaskSource> {
  const reposDir = o.reposDir ?? defaultReposDir()
  if (o.dataset) return {instances: loadDataset(o.dataset), reposDir, prepare: async () => {}}
  const instances = loadDataset(join(SUITE_DIR, 'dataset.jsonl'))
  return {instances, reposDir, prepare: (picked) => materializeSuite(loadTaskSpecs(), picked, reposDir)}
}

/** Where repositories live without --repos: the shipped suite's and the mined ones. */
export function defaultReposDir(): string {
  return join(oacHome(), 'swe', 'repos')
}
