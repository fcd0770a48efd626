import {readdirSync} from 'node:fs'
import {join, relative} from 'node:path'
import picomatch from 'picomatch'
import {base, INTERPRETER, SHELLS} from './destructive.js'
import {type ProtectedPlaces, protectedHit} from './protected-places.js'
import {realPath, resolveWord, type ShellState} from './resolve-word.js'
import type {Risk} from './risk.js'

// `find` that deletes (-delete, or -exec rm/mv/shred/a shell on what it finds), decided by what it would find: its
// start folders resolved, and its name, path and type tests run against the entries of `.git` on disk now. `find .
// -name '*.pyc' -delete` finds nothing there and runs; `find . -type f -delete` would empty `.git` and is refused.

const DELETERS = new Set(['rm', 'rmdir', 'unlink', 'shred', 'mv', 'srm'])
const COMPLEX = new Set(['-o', '-or', '!', '-not', '(', ')', '-regex', '-iregex', ','])
const MAX_ENTRIES = 5000

interface Entry {
  path: string
  name: string
  type: 'f' | 'd' | 'l'
}

function entries(dir: string, out: Entry[] = []): Entry[] {
  let list: import('node:fs').Dirent[]
  try {
    list = readdirSync(dir, {withFileTypes: true})
  } catch {
    return out
  }
  for (const e of list) {
    if (out.length >= MAX_ENTRIES) return out
    const path = join(dir, e.name)
    out.push({path, name: e.name, type: e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : 'f'})
    if (e.isDirectory()) entries(path, out)
  }
  return out
}

/** Whether the tests of a find expression (all of them ANDed, none of COMPLEX) could select `e`. */
function selects(tests: string[], e: Entry, printed: string): boolean {
  for (let i = 0; i < tests.length; i++) {
    const [test, value = ''] = [tests[i]!, tests[i + 1]]
    const glob = (text: string, nocase: boolean) => picomatch.isMatch(text, value, {dot: true, nocase, bash: true})
    if ((test === '-name' || test === '-iname') && !glob(e.name, test === '-iname')) return false
    if (['-path', '-ipath', '-wholename', '-iwholename'].includes(test) && !glob(printed, test.startsWith('-i')))
      return false
    if (test === '-type' && !value.split(',').includes(e.type)) return false
  }
  return true
}

export function findRisk(args: string[], state: ShellState, places: ProtectedPlaces): Risk | undefined {
  const firstTest = args.findIndex((a) => a.startsWith('-') || a === '(' || a === '!')
  const starts = firstTest === -1 ? args : args.slice(0, firstTest)
  const expression = firstTest === -1 ? [] : args.slice(firstTest)
  const exec = expression.findIndex((a) => ['-exec', '-execdir', '-ok', '-okdir'].includes(a))
  const runs = exec === -1 ? '' : base(expression[exec + 1] ?? '')
  const deletes =
    expression.includes('-delete') ||
    DELETERS.has(runs) ||
    SHELLS.has(runs) ||
    INTERPRETER.test(runs) ||
    runs === 'xargs'
  if (!deletes) return undefined
  const tests = exec === -1 ? expression : expression.slice(0, exec)
  for (const start of starts.length ? starts : ['.']) {
    const resolved = resolveWord(start, state)
    if (!resolved.known)
      return {kind: 'ask', reason: `deletes what find finds under \`${start}\`, known only when it runs`}
    for (const path of resolved.paths.map(realPath)) {
      const under = (parent: string, child: string) => !relative(parent, child).startsWith('..')
      if (places.gitDirs.some((g) => under(g, path)))
        return {kind: 'refuse', reason: `deletes files inside .git (${path})`}
      const wide = path !== places.root && protectedHit(path, places, 'remove') !== undefined
      const git = places.gitDirs.find((g) => under(path, g))
      if (git && tests.some((t) => COMPLEX.has(t)))
        return {
          kind: wide ? 'refuse' : 'ask',
          reason: `deletes what a complex find expression selects under ${path}`,
        }
      const all = git ? [{path: git, name: '.git', type: 'd' as const}, ...entries(git)] : []
      if (all.some((e) => selects(tests, e, join(start, relative(path, e.path)))))
        return {kind: 'refuse', reason: `deletes files inside .git (find ${start} selects them)`}
      if (wide) return {kind: 'ask', reason: `deletes files it finds across ${path}`}
    }
  }
  return undefined
}
