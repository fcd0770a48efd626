import {existsSync, readFileSync, statSync} from 'node:fs'
import {dirname, isAbsolute, resolve} from 'node:path'
import {base, gitReason, INTERPRETER, SHELLS, WRAPPERS} from './destructive.js'
import {findRisk} from './find-risk.js'
import {codeRisk, inlineCode} from './inline-code.js'
import {type ParsedShell, parseShell, type SimpleCommand} from './parse-shell.js'
import {type Operation, type ProtectedPlaces, protectedHit, protectedPlaces} from './protected-places.js'
import {expandWord, resolveWord, type ShellState} from './resolve-word.js'
import type {Risk} from './risk.js'

// Whether a shell command would remove or replace the project root, `.git`, the home folder or a system folder,
// decided by resolving what its words name (resolve-word.ts), not by matching them: `X=~; rm -rf $X`,
// `cd .. && rm -rf proj`, `rm -rf ../proj`, `mv ~ /tmp/x`, `rm -rf "$(pwd)"/../proj`, a symlink to the root, a
// script file written earlier and run now, `bash -c` and `eval` texts, paths in inline Python or Node code. A
// removal whose targets only exist at run time (`xargs rm -rf`, `rm -rf $(…)`, `bash -c "$(… | base64 -d)"`) cannot
// be decided: it needs a person. Inside the sandbox the root and `.git` are mount points and cannot go anyway; this
// is what says so before anything runs, and what protects them where no sandbox runs.

export type {Risk} from './risk.js'

export interface GuardContext {
  root: string
  /** Where the command starts (the bash tool's cwd); the root when absent. */
  cwd?: string
  home: string
  env: Record<string, string | undefined>
}

interface Walk {
  places: ProtectedPlaces
  state: ShellState
  /** cd to a place only known at run time: relative paths after it are unknown. */
  lost: boolean
  /** Files the line writes by redirection before a later command runs them. */
  written: Set<string>
  depth: number
}

const REMOVERS = new Set(['rm', 'rmdir', 'unlink', 'shred', 'srm', 'trash', 'trash-put'])
const COPIERS = new Set(['cp', 'install', 'rsync', 'ln'])
const MODE = new Set(['chmod', 'chown', 'chgrp', 'chattr'])
const DECLARE = new Set(['export', 'declare', 'local', 'readonly', 'typeset'])
const WRITE_REDIRECT = new Set(['>', '>>', '>|', '&>', '&>>', '<>'])
const RECURSIVE = /^-[a-zA-Z]*[rR]|^--recursive$/
const MAX_SCRIPT_BYTES = 256 * 1024

/** A word for a message: shell-quote reads `$(…)` as a lone `$`. */
const shown = (word: string) => (word === '$' ? '$(…)' : word)

/** Operands: the words that are not options (all of them after `--`), and an option's value for `-t DIR`. */
function operands(args: string[], withValue: string[] = []): string[] {
  const out: string[] = []
  let options = true
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (options && a === '--') options = false
    else if (options && withValue.includes(a)) out.push(args[++i] ?? '')
    else if (!options || !a.startsWith('-') || a === '-') out.push(a)
  }
  return out
}

function assign(words: string[], w: Walk): void {
  for (const word of words) {
    const eq = word.indexOf('=')
    if (eq <= 0) continue
    const name = word.slice(0, eq).replace(/\+$/, '')
    w.state.vars[name] = expandWord(word.slice(eq + 1), w.state)
  }
}

/** Checks each word as a path for `op`; unknown words need a person when `unknownAsks`. */
function targets(words: string[], w: Walk, op: Operation, unknownAsks: boolean, what: string): Risk | undefined {
  for (const word of words) {
    const relative = !isAbsolute(word) && !/^[~$]/.test(word)
    const resolved = w.lost && relative ? ({known: false} as const) : resolveWord(word, w.state)
    if (!resolved.known) {
      if (unknownAsks) return {kind: 'ask', reason: `${what} a path only known when it runs (\`${shown(word)}\`)`}
      continue
    }
    for (const path of resolved.paths) {
      const hit = protectedHit(path, w.places, op)
      if (hit) return {kind: 'refuse', reason: hit}
    }
  }
  return undefined
}

/**
 * The text of a script file a command runs: read now. A file the same line writes first cannot be read yet
 * (undefined: it needs a person); one that does not exist and is not written makes the command fail ('').
 */
function scriptText(word: string, w: Walk): string | undefined {
  const resolved = resolveWord(word, w.state)
  const path = resolved.known ? resolved.paths[0] : undefined
  if (!path || w.written.has(resolve(path))) return undefined
  try {
    if (statSync(path).size > MAX_SCRIPT_BYTES) return undefined
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

function nested(text: string | undefined, w: Walk, what: string): Risk | undefined {
  if (text === undefined) return {kind: 'ask', reason: `runs ${what} only known when it runs`}
  if (w.depth > 6) return {kind: 'ask', reason: 'nests scripts too deep to check'}
  return walkLine(text, {...w, depth: w.depth + 1})
}

/**
 * A script file's commands: what they would surely do to a protected place is refused; what only its arguments or
 * its run decide is left to the sandbox (a build script's `rm -rf "$OUT"` is not a question for a person).
 */
function fromFile(text: string | undefined, w: Walk): Risk | undefined {
  if (text === undefined) return {kind: 'ask', reason: 'runs a script file the same command writes first'}
  const risk = nested(text, w, '')
  return risk?.kind === 'refuse' ? {kind: 'refuse', reason: `${risk.reason} (from the script it runs)`} : undefined
}

function shellRisk(args: string[], c: SimpleCommand, w: Walk, body: string | undefined): Risk | undefined {
  const inline = args.findIndex((a) => /^-\w*c\w*$/.test(a))
  // The script's text as written: its variables are resolved when it is walked, from the same state.
  if (inline !== -1) return nested(args[inline + 1] ?? '', w, 'a script')
  const script = args.find((a) => !a.startsWith('-'))
  if (script !== undefined) return fromFile(scriptText(script, w), w)
  const stdin = c.redirects.find((r) => r.op === '<' || r.op === '<<<' || r.op === '<<' || r.op === '<<-')
  if (stdin?.op === '<<<') return nested(stdin.target, w, 'a script')
  if (stdin?.op === '<') return fromFile(scriptText(stdin.target, w), w)
  if (stdin && body !== undefined) return nested(body, w, 'a script')
  if (stdin || c.piped) return {kind: 'ask', reason: 'runs text from its input as a shell script'}
  return undefined
}

function commandRisk(c: SimpleCommand, w: Walk, heredoc: () => string | undefined): Risk | undefined {
  const body = c.redirects.some((r) => r.op === '<<' || r.op === '<<-') ? heredoc() : undefined
  for (const r of c.redirects.filter((r) => WRITE_REDIRECT.has(r.op))) {
    const risk = targets([r.target], w, 'write-into', false, 'writes')
    if (risk) return risk
    const written = resolveWord(r.target, w.state)
    if (written.known) for (const p of written.paths) w.written.add(resolve(p))
  }
  if (!c.argv.length) {
    assign(c.assignments, w)
    return undefined
  }
  let argv = c.argv
  let fromStdin = false
  // The program may itself be a variable (`R=rm; $R -rf ~`, `CMD="rm -rf"; $CMD ~`): expanded, split as bash would.
  const program0 = expandWord(argv[0]!, w.state)
  if (program0 === undefined)
    return {kind: 'ask', reason: `runs a program only known when it runs (\`${shown(argv[0]!)}\`)`}
  if (program0 !== argv[0] && /\s/.test(program0.trim())) return nested([program0, ...argv.slice(1)].join(' '), w, '')
  argv = [program0, ...argv.slice(1)]
  while (argv.length && WRAPPERS[base(argv[0]!)]) {
    const name = base(argv[0]!)
    if (name === 'xargs') fromStdin = true
    argv = WRAPPERS[name]!(argv.slice(1))
  }
  const [program = '', ...args] = argv
  const name = base(program)
  if (name === 'cd') {
    const to = args.find((a) => a !== '-P' && a !== '-L')
    const back = to === '-' ? w.state.vars.OLDPWD : undefined
    const resolved =
      to === undefined || back !== undefined
        ? {known: true as const, paths: [back ?? w.state.home]}
        : resolveWord(to, w.state)
    if (resolved.known && resolved.paths[0]) {
      w.state.vars.OLDPWD = w.state.cwd
      w.state.cwd = resolve(resolved.paths[0])
    } else w.lost = true
    return undefined
  }
  if (DECLARE.has(name)) {
    assign(args, w)
    return undefined
  }
  if (name === 'unset') for (const v of args) w.state.vars[v] = undefined
  const recursive = args.some((a) => RECURSIVE.test(a))
  const what = 'removes'
  if (fromStdin && (REMOVERS.has(name) || name === 'mv') && (recursive || name === 'mv'))
    return {kind: 'ask', reason: `removes or moves paths it reads from its input, known only when it runs`}
  if (REMOVERS.has(name)) return targets(operands(args), w, 'remove', recursive, what)
  if (name === 'mv') {
    const ops = operands(args, ['-t', '--target-directory', '-S', '--suffix'])
    return (
      targets(ops.slice(0, -1), w, 'remove', true, 'it moves') ?? targets(ops.slice(-1), w, 'write-into', false, '')
    )
  }
  if (COPIERS.has(name)) {
    const ops = operands(args, ['-t', '--target-directory', '-m', '--mode', '-o', '-g', '-S', '-e', '--exclude'])
    const deleting = name === 'rsync' && args.some((a) => a.startsWith('--delete'))
    const risk = targets(ops.slice(-1), w, deleting ? 'remove' : 'write-into', deleting, 'syncs into')
    if (!risk && name === 'ln' && args.some((a) => /^-\w*s/.test(a)) && ops.length === 2) {
      const target = resolveWord(ops[0]!, w.state)
      const link = resolveWord(ops[1]!, w.state)
      if (target.known && link.known && target.paths[0] && link.paths[0])
        w.state.links.set(resolve(link.paths[0]), resolve(dirname(link.paths[0]), target.paths[0]))
    }
    return risk
  }
  if (MODE.has(name))
    return targets(operands(args).slice(name === 'chattr' ? 0 : 1), w, 'change-mode', recursive, 'changes')
  if (name === 'find') return findRisk(args, w.state, w.places)
  if (name === 'git') {
    const isPath = (word: string) => {
      const r = resolveWord(word, w.state)
      return r.known && r.paths.some((p) => existsSync(p))
    }
    const reason = gitReason(args, isPath)
    return reason ? {kind: 'ask', reason: `${reason}`} : undefined
  }
  if (SHELLS.has(name)) return shellRisk(args, c, w, body)
  if (name === 'eval') return nested(args.join(' '), w, 'text')
  if (name === 'source' || name === '.') return fromFile(args[0] ? scriptText(args[0], w) : undefined, w)
  if (INTERPRETER.test(name)) {
    const code = inlineCode(args) ?? body
    const walk = (text: string) => walkLine(text, {...w, depth: w.depth + 1})
    return code === undefined ? undefined : codeRisk(code, walk, w.state, w.places)
  }
  return undefined
}

function walkLine(command: string, w: Walk): Risk | undefined {
  return walkParsed(parseShell(command), w)
}

function walkParsed(parsed: ParsedShell, w: Walk): Risk | undefined {
  let ask: Risk | undefined
  let next = 0
  const heredoc = () => parsed.heredocs[next++]
  for (const c of parsed.commands) {
    const risk = commandRisk(c, w, heredoc)
    if (risk?.kind === 'refuse') return risk
    ask ??= risk
  }
  for (const sub of parsed.substitutions) {
    const risk = walkParsed(sub, w)
    if (risk?.kind === 'refuse') return risk
    ask ??= risk
  }
  return ask
}

/** What a command would do to a protected place: refuse (it would), ask (it cannot be told), or nothing. */
export function pathRisk(command: string, ctx: GuardContext): Risk | undefined {
  const places = protectedPlaces(ctx.root, ctx.home)
  const state: ShellState = {
    cwd: resolve(ctx.root, ctx.cwd ?? '.'),
    home: ctx.home,
    vars: {...ctx.env, HOME: ctx.env.HOME ?? ctx.home},
    links: new Map(),
  }
  return walkLine(command, {places, state, lost: false, depth: 0, written: new Set()})
}
