import {readdirSync, realpathSync} from 'node:fs'
import {basename, dirname, isAbsolute, join, resolve, sep} from 'node:path'
import picomatch from 'picomatch'

// What a word of a shell command names on disk, found the way the shell would find it: braces, `~`, `$VAR` and
// `${VAR}` (from the environment or an assignment earlier in the line), the working directory (after `cd`), `..`,
// globs expanded against the disk now, and symlinks (existing ones, and those `ln -s` made earlier in the line).
// A word whose value only exists when the command runs ($(...), `...`, ${X%...}, an unknown variable) is unknown.

export interface ShellState {
  cwd: string
  home: string
  /** Variables: the command's environment, then assignments made earlier in the line. */
  vars: Record<string, string | undefined>
  /** Symlinks made earlier in the line (`ln -s TARGET NAME`): absolute name → absolute target. */
  links: Map<string, string>
}

export type Resolved = {known: true; paths: string[]} | {known: false}

const DYNAMIC = /`|\$\(|^\$$|\$\{[^}]*[^\w}][^}]*\}|\$[@*#?!$0-9-]/
const VARIABLE = /\$(?:\{(\w+)\}|(\w+))/g
const MAX_MATCHES = 10_000

/** `a{b,c}d` → `abd`, `acd` (nested braces too); a word without a comma list is itself. */
export function expandBraces(word: string): string[] {
  const open = word.indexOf('{')
  if (open === -1) return [word]
  let depth = 0
  const parts: string[] = []
  let start = open + 1
  for (let i = open; i < word.length; i++) {
    if (word[i] === '{') depth++
    else if (word[i] === '}' && --depth === 0) {
      parts.push(word.slice(start, i))
      if (parts.length < 2) return [word]
      const tail = expandBraces(word.slice(i + 1))
      return parts.flatMap((p) => expandBraces(word.slice(0, open) + p)).flatMap((h) => tail.map((t) => h + t))
    } else if (word[i] === ',' && depth === 1) {
      parts.push(word.slice(start, i))
      start = i + 1
    }
  }
  return [word]
}

/** The word with `~` and variables replaced; undefined when a part is only known at run time. */
export function expandWord(word: string, s: ShellState): string | undefined {
  if (DYNAMIC.test(word)) return undefined
  let out = word
  if (out === '~' || out.startsWith('~/')) out = (s.vars.HOME ?? s.home) + out.slice(1)
  else if (out.startsWith('~')) return undefined
  let unknown = false
  out = out.replace(VARIABLE, (_, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!
    const value = name === 'PWD' ? s.cwd : s.vars[name]
    if (value === undefined) unknown = true
    return value ?? ''
  })
  return unknown ? undefined : out
}

/** Paths matching an absolute glob now, or the pattern itself when nothing matches (as bash leaves it). */
function expandGlob(pattern: string): string[] {
  if (!/[*?[]/.test(pattern)) return [pattern]
  let bases = ['/']
  for (const segment of pattern.split('/').filter(Boolean)) {
    if (!/[*?[]/.test(segment)) {
      bases = bases.map((b) => join(b, segment))
      continue
    }
    const re = picomatch.makeRe(segment, {dot: true})
    bases = bases.flatMap((b) => {
      let names: string[]
      try {
        names = readdirSync(b)
      } catch {
        return []
      }
      // A leading dot must be matched by a leading dot (bash without dotglob); `.*` also matches `.` and `..` in bash
      // before 5.2, which rm refuses anyway.
      return names
        .filter((n) => (n.startsWith('.') ? segment.startsWith('.') : true) && re.test(n))
        .map((n) => join(b, n))
    })
    if (bases.length > MAX_MATCHES) bases = bases.slice(0, MAX_MATCHES)
  }
  // What readdir listed exists; only a pattern with no wildcard left to expand is checked.
  return bases.length ? bases : [pattern]
}

/** The path with a link made earlier in the line replaced by its target. */
function throughLinks(path: string, links: Map<string, string>): string {
  for (const [name, target] of links)
    if (path === name || path.startsWith(name + sep)) return target + path.slice(name.length)
  return path
}

export function resolveWord(word: string, s: ShellState): Resolved {
  const paths: string[] = []
  for (const part of expandBraces(word)) {
    const expanded = expandWord(part, s)
    if (expanded === undefined) return {known: false}
    const absolute = isAbsolute(expanded) ? expanded : join(s.cwd, expanded)
    const trailing = expanded.endsWith('/')
    for (const p of expandGlob(resolve(absolute))) paths.push(throughLinks(p, s.links) + (trailing ? '/' : ''))
  }
  return {known: true, paths}
}

/** The path as the filesystem reaches it: symlinks in its folders resolved, and in the name too with a trailing `/`. */
export function realPath(path: string): string {
  const trailing = path.endsWith('/') && path !== '/'
  const clean = resolve(path)
  try {
    return trailing ? realpathSync(clean) : join(realpathSync(dirname(clean)), basename(clean))
  } catch {
    const parent = dirname(clean)
    return parent === clean ? clean : join(realPath(`${parent}/`), basename(clean))
  }
}
