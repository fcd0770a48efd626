import {lstatSync, readFileSync, realpathSync} from 'node:fs'
import {dirname, join, resolve, sep} from 'node:path'
import {realPath} from './resolve-word.js'

// The places no command may remove or replace, as real paths: the project root and every folder above it, its
// `.git` (and the git dir a gitfile points to), the home folder and every folder above it, and the system folders.
// A path is checked as written and as the filesystem reaches it (symlinks resolved), so a link cannot hide one.

export interface ProtectedPlaces {
  root: string
  home: string
  gitDirs: string[]
}

const SYSTEM = new Set([
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/home',
  '/lib',
  '/lib32',
  '/lib64',
  '/opt',
  '/proc',
  '/root',
  '/sbin',
  '/srv',
  '/sys',
  '/usr',
  '/var',
  '/Applications',
  '/Library',
  '/System',
  '/Users',
  '/Volumes',
  '/private',
  // macOS reaches /etc, /var and /tmp through /private.
  '/private/etc',
  '/private/var',
  '/private/tmp',
])

function real(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return resolve(path)
  }
}

const within = (parent: string, path: string) => path === parent || path.startsWith(parent + sep) || parent === '/'

export function protectedPlaces(root: string, home: string): ProtectedPlaces {
  const realRoot = real(root)
  const dotGit = join(realRoot, '.git')
  const gitDirs = [dotGit]
  try {
    if (lstatSync(dotGit).isFile()) {
      const m = /^gitdir: (.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8').slice(0, 4096))
      if (m?.[1]) gitDirs.push(real(resolve(dirname(dotGit), m[1])))
    }
  } catch {
    // no .git
  }
  return {root: realRoot, home: real(home), gitDirs}
}

export type Operation = 'remove' | 'write-into' | 'change-mode'

/** What protected place `path` is, for this operation; undefined when it is none. */
export function protectedHit(path: string, places: ProtectedPlaces, op: Operation): string | undefined {
  for (const p of new Set([resolve(path), realPath(path)])) {
    if (places.gitDirs.some((g) => within(g, p)))
      return `${op === 'remove' ? 'removes or replaces' : 'changes'} .git (${p})`
    if (op === 'write-into') continue
    if (p === '/') return 'reaches the filesystem root'
    if (p === places.root && op === 'remove') return `removes or replaces the project root (${p})`
    if (p !== places.root && within(p, places.root))
      return `${op === 'remove' ? 'removes' : 'changes'} ${p}, which holds the project`
    if (within(p, places.home)) return `${op === 'remove' ? 'removes' : 'changes'} the home folder (${p})`
    if (SYSTEM.has(p)) return `${op === 'remove' ? 'removes' : 'changes'} a system folder (${p})`
  }
  return undefined
}
