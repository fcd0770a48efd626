import {homedir} from 'node:os'
import {isAbsolute, relative, resolve} from 'node:path'
import {allCommands, type ParsedShell, type SimpleCommand} from '../shell/parse-shell.js'
import {globToRegExp} from '../tools/glob-pattern.js'
import {type PermissionRule, RULE_FAMILIES} from './permission-rule.js'

// Whether a rule covers a tool call. A bash rule is matched on the parsed command, word by word: `npm test:*`
// covers `npm test -- --watch` but not `npm testing`, and an allow rule covers a command line only when every
// command in it is covered and nothing else happens: no redirection into a file, no substitution, no subshell.

export interface CallFacts {
  tool: string
  /** For bash: the parsed command. */
  shell?: ParsedShell
  /** For file tools: the absolute path. */
  path?: string
  root: string
}

export function ruleCoversTool(rule: PermissionRule, tool: string): boolean {
  if (rule.tool === tool || rule.tool === '*') return true
  if (RULE_FAMILIES[rule.tool]?.includes(tool)) return true
  // mcp__server covers every tool of that server; mcp__server__* too.
  const prefix = rule.tool.endsWith('__*') ? rule.tool.slice(0, -1) : `${rule.tool}__`
  return rule.tool.startsWith('mcp__') && tool.startsWith(prefix)
}

/** A redirection that only merges or discards output, not a write to a file. */
function harmlessRedirect(op: string, target: string): boolean {
  return (/^[<>]&$/.test(op) && /^\d+$|^-$/.test(target)) || target === '/dev/null'
}

function commandMatches(pattern: string, c: SimpleCommand): boolean {
  if (c.assignments.length || c.redirects.some((r) => !harmlessRedirect(r.op, r.target))) return false
  const prefix = pattern.endsWith(':*')
  const words = (prefix ? pattern.slice(0, -2) : pattern).trim().split(/\s+/)
  if (c.argv.length < words.length || (!prefix && c.argv.length !== words.length)) return false
  return words.every((w, i) => w === '*' || w === c.argv[i])
}

export function pathMatches(pattern: string, path: string, root: string): boolean {
  const home = homedir()
  const absolute = pattern.startsWith('~/')
    ? resolve(home, pattern.slice(2))
    : isAbsolute(pattern)
      ? pattern
      : undefined
  const base = absolute ? '/' : root
  const glob = absolute ? absolute.slice(1) : pattern.replace(/^\.\//, '')
  const rel = relative(base, path)
  if (rel.startsWith('..')) return false
  return globToRegExp(glob.includes('/') ? glob : `**/${glob}`).test(rel) || globToRegExp(glob).test(rel)
}

/** For allow rules: every command in the line is covered and the line does nothing else. */
export function allowsCall(rules: PermissionRule[], call: CallFacts): boolean {
  const mine = rules.filter((r) => ruleCoversTool(r, call.tool))
  if (!mine.length) return false
  if (mine.some((r) => r.pattern === undefined)) return true
  if (call.shell) {
    const s = call.shell
    if (s.complex || s.unterminated || !s.commands.length) return false
    return s.commands.every((c) => mine.some((r) => commandMatches(r.pattern!, c)))
  }
  return call.path !== undefined && mine.some((r) => pathMatches(r.pattern!, call.path!, call.root))
}

/** For deny and ask rules: any command of the line (substitutions included) or the path is covered. */
export function touchesCall(rules: PermissionRule[], call: CallFacts): PermissionRule | undefined {
  const mine = rules.filter((r) => ruleCoversTool(r, call.tool))
  for (const r of mine) {
    if (r.pattern === undefined) return r
    if (
      call.shell &&
      allCommands(call.shell).some((c) => commandMatches(r.pattern!, {...c, assignments: [], redirects: []}))
    )
      return r
    if (call.path !== undefined && pathMatches(r.pattern, call.path, call.root)) return r
  }
  return undefined
}
