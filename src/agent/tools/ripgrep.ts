import {execa} from 'execa'
import {findWorkTree} from '../../git/repo-layout.js'
import {SKIP_DIRS} from './list-files.js'
import {onPath} from './on-path.js'

// The grep tool's fast path. The tool's patterns are JavaScript regular expressions (its fallback runs them in JS),
// and ripgrep's default engine (Rust's regex crate) rejects common ones: `foo() {` (unclosed counted repetition),
// `a\/b`, `(?<name>…)`, look-around, `[[]`. Its PCRE2 engine reads those as JavaScript does, so ripgrep is used only
// with --pcre2 (Debian's build has it; a build without it leaves the JS search). The file set follows the fallback's
// `listFiles`: in a git work tree what git would list (hidden files too, .gitignore, not .ignore/.rgignore); outside
// one, every file but the usual generated folders. Lines come back sorted by file, then line, as the fallback's do.

/** One matching line, before formatting. */
export interface GrepHit {
  file: string
  line: number
  text: string
}

const probes = new Map<string, Promise<boolean>>()

/** Whether ripgrep with PCRE2 is on PATH (asked once per PATH). */
export function ripgrepUsable(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const key = env.PATH ?? ''
  let probe = probes.get(key)
  if (!probe) {
    probe = onPath('rg', env)
      ? execa('rg', ['--pcre2-version'], {reject: false, stdin: 'ignore', env}).then((r) => r.exitCode === 0)
      : Promise.resolve(false)
    probes.set(key, probe)
  }
  return probe
}

// Found from the files, not by starting git in a repository that may name programs in its config (src/git/).
const insideGit = async (dir: string) => findWorkTree(dir) !== undefined

/** ripgrep's matches for a (valid JavaScript) pattern under `dir`, sorted by file then line. */
export async function ripgrep(
  o: {pattern: string; glob?: string | undefined; ignoreCase?: boolean | undefined; maxFileBytes: number},
  dir: string,
  signal: AbortSignal,
): Promise<GrepHit[] | {error: string}> {
  const flags = ['--no-config', '--pcre2', '-n', '--no-heading', '--color=never', '--with-filename', '--null']
  flags.push('--hidden', '--no-ignore-dot', '--max-filesize', String(o.maxFileBytes), '-g', '!.git')
  if (!(await insideGit(dir))) for (const d of SKIP_DIRS) flags.push('-g', `!${d}/`)
  if (o.ignoreCase) flags.push('-i')
  if (o.glob) flags.push('-g', o.glob)
  const r = await execa('rg', [...flags, '-e', o.pattern, '--', '.'], {
    cwd: dir,
    reject: false,
    stdin: 'ignore',
    cancelSignal: signal,
  })
  if (r.exitCode === 2) return {error: r.stderr.trim().split('\n').slice(-3).join(' ')}
  const hits = r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [file = '', rest = ''] = l.split('\0', 2)
      const colon = rest.indexOf(':')
      return {file: file.replace(/^\.\//, ''), line: Number(rest.slice(0, colon)), text: rest.slice(colon + 1)}
    })
  return hits.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))
}
