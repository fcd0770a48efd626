import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {execa} from 'execa'

/** A fresh git repository in a temp dir with the given files, committed. */
export async function tempRepo(files: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'oac-agent-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), {recursive: true})
    writeFileSync(join(dir, path), text)
  }
  const git = (...args: string[]) => execa('git', args, {cwd: dir})
  await git('init', '-q')
  await git('add', '-A')
  await git('-c', 'user.name=oac', '-c', 'user.email=oac@example.com', 'commit', '-qm', 'init', '--allow-empty')
  return dir
}

/** A temp OAC_HOME, so sessions land in a database of the test's own. */
export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'oac-home-'))
}

/** A project with a bug: add() subtracts, and its test (a plain node script) fails until it is fixed. */
export const BUGGY_PROJECT = {
  'math.js': 'export function add(a, b) {\n  return a - b\n}\n',
  'math.test.js':
    "import {add} from './math.js'\nif (add(2, 3) !== 5) {\n  console.error('FAIL add(2, 3) =', add(2, 3))\n  process.exit(1)\n}\nconsole.log('ok')\n",
  'package.json': '{"type": "module"}\n',
}
