import {readdir, readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {listTracked} from '../git/list-tracked.js'
import {type IgnoreRule, isIgnored, parseGitignore} from './gitignore.js'

// The files of a project the index should see: what git tracks or would track (it applies every .gitignore), or
// outside a repository a walk that applies the .gitignore files it meets. oac's own folder is never indexed.

const ALWAYS_SKIPPED = new Set(['.git', '.oac', 'node_modules'])

async function walk(root: string, dir: string, rules: IgnoreRule[], out: string[]): Promise<void> {
  const own = await readFile(join(root, dir, '.gitignore'), 'utf8').catch(() => undefined)
  const scoped = own ? [...rules, ...parseGitignore(own, dir)] : rules
  const entries = await readdir(join(root, dir), {withFileTypes: true}).catch(() => [])
  for (const e of entries) {
    const rel = dir ? `${dir}/${e.name}` : e.name
    // Symlinks are listed like files, never walked into: the scan follows one only to a file inside the root.
    if (e.isDirectory()) {
      if (!ALWAYS_SKIPPED.has(e.name) && !isIgnored(scoped, rel, true)) await walk(root, rel, scoped, out)
    } else if ((e.isFile() || e.isSymbolicLink()) && !isIgnored(scoped, rel, false)) out.push(rel)
  }
}

/** Paths relative to `root`, with `/` separators, sorted. */
export async function listSourceFiles(root: string): Promise<string[]> {
  const tracked = await listTracked(root)
  if (tracked) return tracked.filter((p) => !p.split('/').some((part) => ALWAYS_SKIPPED.has(part))).sort()
  const out: string[] = []
  await walk(root, '', [], out)
  return out.sort()
}
