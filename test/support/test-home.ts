import fs, {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {syncBuiltinESMExports} from 'node:module'
import {tmpdir, userInfo} from 'node:os'
import {delimiter, dirname, isAbsolute, join, resolve, sep} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, afterEach} from 'vitest'

// Every test file runs with HOME, OAC_HOME, OAC_CONFIG_DIR and the XDG folders in a fresh temp folder (vitest
// setupFiles: once per file, before the file's own imports). The CLIs and tools a test spawns inherit that
// environment. In this process, fs is wrapped: a path under the developer's real home or real oac folders throws
// EACCES and the test fails, so a hard-coded path (or os.userInfo()) cannot reach them either. The checkout, the temp
// dir, Node's own install and the folders on PATH stay reachable even when they live under the real home.

interface Guard {
  /** Roots no test may touch, and the folders inside them that stay reachable. */
  forbidden: string[]
  allowed: string[]
  violations: string[]
}

const KEY = Symbol.for('oac.test-home')
const holder = globalThis as {[KEY]?: Guard}
const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)))

/** What the guard saw since the last call (a test that checks the guard itself takes its own violation). */
export function takeViolations(): string[] {
  const guard = holder[KEY]
  return guard ? guard.violations.splice(0) : []
}

/**
 * Whether a test may touch `path` (absolute). `metadata`: a stat or realpath, which may look at a forbidden folder
 * itself (the real home is a system folder like any other to code that resolves paths), never into it.
 */
export function mayTouch(
  path: string,
  guard: Pick<Guard, 'forbidden' | 'allowed'> = installGuard(),
  metadata = false,
): boolean {
  const under = (root: string) => path.startsWith(root.endsWith(sep) ? root : root + sep)
  const inside = (root: string) => path === root || under(root)
  return !guard.forbidden.some(metadata ? under : inside) || guard.allowed.some(inside)
}

// Calls that read a path's metadata, not its content.
const METADATA = new Set(['stat', 'lstat', 'realpath', 'exists', 'access'])

function realRoots(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME || userInfo().homedir
  const roots = [home, userInfo().homedir, env.OAC_HOME, env.OAC_CONFIG_DIR]
  if (env.XDG_CONFIG_HOME) roots.push(join(env.XDG_CONFIG_HOME, 'oac'))
  if (env.XDG_DATA_HOME) roots.push(join(env.XDG_DATA_HOME, 'oac'))
  return [...new Set(roots.filter((r): r is string => !!r && r !== '/').map((r) => resolve(r)))]
}

function pathOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return resolve(arg)
  if (arg instanceof URL) return arg.protocol === 'file:' ? fileURLToPath(arg) : undefined
  if (Buffer.isBuffer(arg)) return resolve(arg.toString())
  return undefined
}

// The fs functions that take a path first (and, for copies, renames and links, a second).
const ONE_PATH = [
  'access',
  'appendFile',
  'chmod',
  'chown',
  'createReadStream',
  'createWriteStream',
  'exists',
  'lstat',
  'mkdir',
  'mkdtemp',
  'open',
  'opendir',
  'readFile',
  'readdir',
  'readlink',
  'realpath',
  'rm',
  'rmdir',
  'stat',
  'truncate',
  'unlink',
  'utimes',
  'watch',
  'watchFile',
  'writeFile',
]
const TWO_PATHS = ['copyFile', 'cp', 'link', 'rename', 'symlink']

function wrap(target: Record<string, unknown>, name: string, paths: number, guard: Guard, async: boolean): void {
  const original = target[name]
  if (typeof original !== 'function') return
  target[name] = function guarded(this: unknown, ...args: unknown[]) {
    for (let i = 0; i < paths; i++) {
      const path = pathOf(args[i])
      if (path === undefined || mayTouch(path, guard, METADATA.has(name.replace(/Sync$/, '')))) continue
      const message = `test touched the real home: ${name}(${path})`
      guard.violations.push(message)
      const error = Object.assign(new Error(`EACCES: ${message}`), {code: 'EACCES', path})
      if (async) return Promise.reject(error)
      throw error
    }
    return original.apply(this, args)
  }
}

/** Wraps fs once per process (vitest reuses workers across files). */
function installGuard(): Guard {
  const existing = holder[KEY]
  if (existing) return existing
  const node = dirname(dirname(process.execPath))
  const guard: Guard = {
    forbidden: realRoots(process.env),
    // Programs on PATH (~/.cargo/bin, pyenv shims) are looked up like any program, not read as the user's data.
    allowed: [repoRoot, resolve(tmpdir()), node, ...(process.env.PATH ?? '').split(delimiter)].filter(
      (p) => isAbsolute(p) && p !== '/',
    ),
    violations: [],
  }
  holder[KEY] = guard
  const targets = [fs, fs.promises] as unknown as Record<string, unknown>[]
  for (const target of targets) {
    const async = target === (fs.promises as unknown)
    for (const name of ONE_PATH) for (const n of [name, `${name}Sync`]) wrap(target, n, 1, guard, async)
    for (const name of TWO_PATHS) for (const n of [name, `${name}Sync`]) wrap(target, n, 2, guard, async)
  }
  // ESM named imports of node:fs (`import {readFileSync} from 'node:fs'`) see the wrapped functions from now on.
  syncBuiltinESMExports()
  return guard
}

function useTempHome(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oac-test-home-'))
  const home = join(dir, 'home')
  const env = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    OAC_CONFIG_DIR: join(home, '.config', 'oac'),
    OAC_HOME: join(home, '.local', 'share', 'oac'),
  }
  mkdirSync(home)
  // Git needs an identity to commit; a developer's real one lives in the real ~/.gitconfig.
  writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = oac test\n\temail = oac-test@example.com\n')
  Object.assign(process.env, env)
  return dir
}

installGuard()
const dir = useTempHome()

afterEach(() => {
  const seen = takeViolations()
  if (seen.length) throw new Error(`${seen.join('\n')}\nTests run in a temp HOME ($HOME is ${process.env.HOME}).`)
})

afterAll(() => rmSync(dir, {recursive: true, force: true}))
