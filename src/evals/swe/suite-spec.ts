import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {z} from 'zod'
import {packageRoot} from '../../paths.js'
import {loadYaml} from '../../profiles/load-yaml.js'

// The shipped suite as authors write it (evals/swe/): correct projects under projects/, and per task a task.yaml
// plus a `before/` overlay that holds the buggy (or feature-less) files. A task's base tree is its project with the
// overlay applied and `removed` files taken out; the gold patch and test_patch lead back to the project as written.

export const SUITE_DIR = join(packageRoot, 'evals', 'swe')

export const taskSpec = z.strictObject({
  project: z.string().min(1),
  language: z.enum(['javascript', 'python']),
  problem_statement: z.string().min(1),
  /** The task's test files: their changes from base to project make test_patch; all others make the gold patch. */
  tests: z.array(z.string().min(1)).min(1),
  /** Project files absent at base (new files the fix or the tests add). */
  removed: z.array(z.string().min(1)).default([]),
  FAIL_TO_PASS: z.array(z.string().min(1)).min(1),
  PASS_TO_PASS: z.array(z.string().min(1)).default([]),
  test_cmd: z.string().min(1),
  /** What the task exercises (the suite covers each kind). */
  kind: z.enum(['one-line', 'single-file', 'multi-file', 'feature', 'search', 'tempting']),
})
export type TaskSpec = z.infer<typeof taskSpec> & {instanceId: string; dir: string}

/** Every file under `dir`, path -> bytes (paths relative to `dir`, `/`-separated). */
export function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  if (!existsSync(dir)) return files
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name)
      if (statSync(full).isDirectory()) {
        if (name !== '__pycache__' && name !== 'node_modules') walk(full)
      } else if (!name.endsWith('.pyc')) files.set(relative(dir, full).split('\\').join('/'), readFileSync(full))
    }
  }
  walk(dir)
  return files
}

/** The tasks of a suite directory, sorted by id. */
export function loadTaskSpecs(suiteDir = SUITE_DIR): TaskSpec[] {
  const tasksDir = join(suiteDir, 'tasks')
  return readdirSync(tasksDir)
    .sort()
    .map((id) => ({...loadYaml(join(tasksDir, id, 'task.yaml'), taskSpec), instanceId: id, dir: join(tasksDir, id)}))
}

/** Ignored in every generated repository: what installs and test runs leave behind. */
const GITIGNORE = 'node_modules/\n__pycache__/\n*.pyc\n.pytest_cache/\n'

/** The task's base tree: project + before/ overlay - removed files, and the shared .gitignore. */
export function baseTree(spec: TaskSpec, suiteDir = SUITE_DIR): Map<string, Buffer> {
  const tree = readTree(join(suiteDir, 'projects', spec.project))
  for (const [path, bytes] of readTree(join(spec.dir, 'before'))) tree.set(path, bytes)
  for (const path of spec.removed) tree.delete(path)
  tree.set('.gitignore', Buffer.from(GITIGNORE))
  return tree
}

/** The project as written (the state after gold patch and test_patch). */
export function goldTree(spec: TaskSpec, suiteDir = SUITE_DIR): Map<string, Buffer> {
  const tree = readTree(join(suiteDir, 'projects', spec.project))
  tree.set('.gitignore', Buffer.from(GITIGNORE))
  return tree
}
