import {join} from 'node:path'
import {oacHome} from '../../paths.js'
import {DatasetError, loadDataset, type SweInstance} from './dataset.js'
import {materializeSuite} from './suite-repos.js'
import {loadTaskSpecs, SUITE_DIR} from './suite-spec.js'

// Where a run's instances and repositories come from: a user's dataset with --repos, or the shipped suite, whose
// repositories are built on first use into oac's data dir.

export interface TaskSource {
  instances: SweInstance[]
  reposDir: string
  /** Makes the repositories of `picked` ready (the shipped suite builds them on first use). */
  prepare(picked: SweInstance[]): Promise<void>
}

export async function loadTasks(o: {dataset?: string; reposDir?: string}): Promise<TaskSource> {
  if (o.dataset) {
    if (!o.reposDir) throw new DatasetError(o.dataset, undefined, '--repos DIR is needed with --dataset')
    return {instances: loadDataset(o.dataset), reposDir: o.reposDir, prepare: async () => {}}
  }
  const instances = loadDataset(join(SUITE_DIR, 'dataset.jsonl'))
  const reposDir = o.reposDir ?? join(oacHome(), 'swe', 'repos')
  return {instances, reposDir, prepare: (picked) => materializeSuite(loadTaskSpecs(), picked, reposDir)}
}
