// .gitignore rules for folders that are not git repositories (inside one, `git ls-files` applies them). Covers
// what projects write in practice (https://git-scm.com/docs/gitignore): `#` comments, `!` negation, trailing `/`
// for folders only, a leading or inner `/` anchoring to the .gitignore's folder, `*`, `?` and `**`.

export interface IgnoreRule {
  /** Folder of the .gitignore, relative to the root, '' at the root. */
  base: string
  re: RegExp
  negate: boolean
  dirOnly: boolean
}

function globBody(glob: string): string {
  let out = ''
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string
    if (ch === '*' && glob[i + 1] === '*') {
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*'
      i += glob[i + 2] === '/' ? 2 : 1
    } else if (ch === '*') out += '[^/]*'
    else if (ch === '?') out += '[^/]'
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return out
}

/** The rules of one .gitignore file in folder `base`. */
export function parseGitignore(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = []
  for (const raw of text.split('\n')) {
    let line = raw.replace(/\s+$/, '')
    if (!line || line.startsWith('#')) continue
    const negate = line.startsWith('!')
    if (negate) line = line.slice(1)
    const dirOnly = line.endsWith('/')
    if (dirOnly) line = line.slice(0, -1)
    const anchored = line.includes('/')
    if (line.startsWith('/')) line = line.slice(1)
    const re = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${globBody(line)}$`)
    rules.push({base, re, negate, dirOnly})
  }
  return rules
}

/** Whether a path (relative to the root) is ignored; the last matching rule wins, as in git. */
export function isIgnored(rules: IgnoreRule[], path: string, isDir: boolean): boolean {
  let ignored = false
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue
    if (r.base && !path.startsWith(`${r.base}/`)) continue
    const rel = r.base ? path.slice(r.base.length + 1) : path
    if (r.re.test(rel)) ignored = !r.negate
  }
  return ignored
}
