import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import type {SweInstance} from './dataset.js'
import {git} from './git.js'
import {baseTree, goldTree, type TaskSpec} from './suite-spec.js'

// Builds the shipped suite's git repositories deterministically: fixed author, committer and dates, one root
// commit per task holding only its base tree (no history an agent could read the fix from), so base_commit has
// the same sha on every machine and dataset.jsonl can record it.

const FIXED = {
  GIT_AUTHOR_NAME: 'oac evals',
  GIT_AUTHOR_EMAIL: 'evals@oac.invalid',
  GIT_COMMITTER_NAME: 'oac evals',
  GIT_COMMITTER_EMAIL: 'evals@oac.invalid',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
}

export const SUITE_OWNER = 'oac-evals'

/** The repository name a task's instance carries (`owner/name`; on disk `owner__name`). */
export function suiteRepo(spec: TaskSpec): string {
  return `${SUITE_OWNER}/${spec.instanceId}`
}

async function writeTree(dir: string, tree: Map<string, Buffer>): Promise<void> {
  for (const [path, bytes] of tree) {
    await mkdir(dirname(join(dir, path)), {recursive: true})
    await writeFile(join(dir, path), bytes, {mode: 0o644})
  }
}

async function commitAll(dir: string, message: string): Promise<string> {
  await git(dir, ['add', '-A'])
  await git(dir, ['commit', '-q', '--allow-empty', '--no-verify', '-m', message], undefined, FIXED)
  return (await git(dir, ['rev-parse', 'HEAD'])).trim()
}

/** A fresh repository at `dir` whose only commit is the task's base tree; returns the commit's sha. */
export async function buildBaseRepo(spec: TaskSpec, dir: string, suiteDir?: string): Promise<string> {
  await rm(dir, {recursive: true, force: true})
  await mkdir(dir, {recursive: true})
  await git(dir, ['init', '-q', '-b', 'main'])
  await writeTree(dir, baseTree(spec, suiteDir))
  return commitAll(dir, `${spec.project}: ${spec.instanceId}`)
}

/** The dataset row of a task: base commit, gold patch and test_patch computed by git from the trees. */
export async function buildInstance(spec: TaskSpec, suiteDir?: string): Promise<SweInstance> {
  const dir = await mkdtemp(join(tmpdir(), 'oac-swe-build-'))
  try {
    const base = await buildBaseRepo(spec, dir, suiteDir)
    const gold = goldTree(spec, suiteDir)
    for (const path of baseTree(spec, suiteDir).keys()) if (!gold.has(path)) await rm(join(dir, path))
    await writeTree(dir, gold)
    await git(dir, ['add', '-A'])
    const diff = (paths: string[]) =>
      git(dir, ['diff', '--cached', '--binary', '--no-renames', base, '--', ...paths.map((p) => `:(top)${p}`)])
    const tests = spec.tests
    const all = (await git(dir, ['diff', '--cached', '--name-only', '--no-renames', base])).split('\n').filter(Boolean)
    const code = all.filter((p) => !tests.includes(p))
    return {
      instance_id: spec.instanceId,
      repo: suiteRepo(spec),
      base_commit: base,
      problem_statement: spec.problem_statement.trim(),
      patch: code.length ? await diff(code) : '',
      test_patch: await diff(tests),
      FAIL_TO_PASS: spec.FAIL_TO_PASS,
      PASS_TO_PASS: spec.PASS_TO_PASS,
      test_cmd: spec.test_cmd,
      language: spec.language,
    }
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}

/**
 * Makes sure `reposDir` holds the repository of every task at the base_commit the dataset records; builds what is
 * missing. A sha that comes out different means the suite's files and dataset.jsonl disagree.
 */
export async function materializeSuite(
  specs: TaskSpec[],
  instances: SweInstance[],
  reposDir: string,
  suiteDir?: string,
) {
  const byId = new Map(specs.map((s) => [s.instanceId, s]))
  for (const instance of instances) {
    const spec = byId.get(instance.instance_id)
    if (!spec) throw new Error(`${instance.instance_id} is in dataset.jsonl but has no task folder`)
    const dir = join(reposDir, suiteRepo(spec).replace('/', '__'))
    if (existsSync(join(dir, '.git'))) {
      const have = await git(dir, ['cat-file', '-e', `${instance.base_commit}^{commit}`]).then(
        () => true,
        () => false,
      )
      if (have) continue
    }
    const sha = await buildBaseRepo(spec, dir, suiteDir)
    if (sha !== instance.base_commit)
      throw new Error(
        `${instance.instance_id}: the suite's files build base commit ${sha}, dataset.jsonl says ${instance.base_commit} (run npm run swe-suite)`,
      )
  }
}
