import {z} from 'zod'

// Permission rules as Claude Code writes them: `bash(npm test:*)` (a command and what follows), `bash(git status)`
// (exactly that command), `edit(src/**)`, `read(~/.ssh/**)`, `mcp__server__tool`, `mcp__server`, or a bare tool
// name for every call of it. Tool names are case-insensitive, so `Bash(npm test:*)` from a Claude Code settings
// file means the same.

/** `permissions` in settings.json. */
export const permissionsSchema = z.strictObject({
  allow: z.array(z.string()).default([]),
  ask: z.array(z.string()).default([]),
  deny: z.array(z.string()).default([]),
})

export type PermissionSettings = z.output<typeof permissionsSchema>

export interface PermissionRule {
  /** bash, edit, read, an MCP tool or server (`mcp__server__tool`, `mcp__server`), or any tool name. */
  tool: string
  pattern?: string
  /** The rule as written, for messages. */
  text: string
}

/** Tools that a rule on `edit` or `read` covers (Claude Code's Edit and Read rules cover their whole family). */
export const RULE_FAMILIES: Record<string, string[]> = {
  edit: ['write', 'edit', 'multi_edit'],
  read: ['read', 'grep', 'glob', 'ls'],
}

const RULE = /^([A-Za-z0-9_*-]+)(?:\((.*)\))?$/s

export class RuleError extends Error {
  override name = 'ConfigError'
}

export function parseRule(text: string): PermissionRule {
  const m = RULE.exec(text.trim())
  if (!m)
    throw new RuleError(
      `Expected a permission rule like \`bash(npm test:*)\`, \`edit(src/**)\` or \`mcp__server__tool\`, got \`${text}\``,
    )
  const tool = m[1]!.toLowerCase()
  const pattern = m[2]?.trim()
  return {tool, ...(pattern && pattern !== '*' ? {pattern} : {}), text: text.trim()}
}

/** Programs that run another program given in their arguments: `timeout 60 X`, `env A=1 X`, `xargs X`, `sudo X`. */
const WRAPPERS = new Set([
  'timeout',
  'env',
  'nice',
  'ionice',
  'nohup',
  'time',
  'command',
  'exec',
  'stdbuf',
  'xargs',
  'watch',
  'sudo',
  'doas',
  'setsid',
  'chroot',
  'unbuffer',
  'flock',
  'parallel',
  'strace',
  'ltrace',
  'script',
  'su',
  'runuser',
  'systemd-run',
  'firejail',
  'caffeinate',
  'busybox',
])
/** Programs that run code given inline or by name: shells and language interpreters. */
const INTERPRETERS =
  /^(?:sh|bash|zsh|dash|ksh|fish|ash|python[\d.]*|pypy[\d.]*|perl|ruby|node|nodejs|php|deno|bun|lua|Rscript|osascript|tclsh|awk|gawk)$/
/** Runners of a package or command named next: `npx PKG`, `npm exec PKG`, `uv run CMD`. */
const RUNNERS = new Set(['npx', 'bunx', 'pnpx', 'uvx'])
const RUNNER_SUBCOMMANDS: Record<string, string[]> = {
  npm: ['exec', 'x'],
  pnpm: ['dlx', 'exec'],
  yarn: ['dlx', 'exec'],
  bun: ['x', 'run'],
  uv: ['run', 'tool'],
  pipx: ['run'],
  poetry: ['run'],
  pipenv: ['run'],
  pdm: ['run'],
  hatch: ['run'],
  rye: ['run'],
  conda: ['run'],
  bundle: ['exec'],
}
const NAME = /^[a-z@][\w:./@-]*$/i
/**
 * Programs that run another by an option somewhere in their line: git's options before the subcommand (`git -c
 * alias.x='!sh …' x`, `-c core.pager=…`), find's `-exec` family. Remembered only as the exact line.
 */
const RUNS_BY_OPTION = (name: string, argv: string[]) =>
  (name === 'git' && argv[1]?.startsWith('-')) ||
  (name === 'find' && argv.some((w) => /^-(?:exec|execdir|ok|okdir)$/.test(w)))

/**
 * The rule an "always" answer stores for a bash command: the program and its subcommand, then anything. Never a
 * program that runs another by its first word alone: a wrapper (`timeout 60 true`, `git -C sub status`, `find …
 * -exec …`) is remembered as exactly that line, an interpreter only with the module or script it runs (`python3 -m pytest:*`, never after `-c`), a runner
 * only with the package it runs (`npx vitest:*`); what cannot be pinned so is not remembered.
 */
export function bashRuleFor(argv: string[]): string | undefined {
  const [program, sub, third] = argv
  if (!program) return undefined
  const name = program.split('/').pop() ?? program
  const exact = argv.every((w) => w && !/\s/.test(w)) ? `bash(${argv.join(' ')})` : undefined
  if (WRAPPERS.has(name) || RUNS_BY_OPTION(name, argv)) return exact
  if (INTERPRETERS.test(name)) {
    if (sub === '-m' && third && NAME.test(third)) return `bash(${program} -m ${third}:*)`
    return sub && !sub.startsWith('-') && NAME.test(sub) ? `bash(${program} ${sub}:*)` : undefined
  }
  if (RUNNERS.has(name)) return sub && NAME.test(sub) ? `bash(${program} ${sub}:*)` : exact
  if (sub && RUNNER_SUBCOMMANDS[name]?.includes(sub))
    return third && NAME.test(third) ? `bash(${program} ${sub} ${third}:*)` : exact
  const words = sub !== undefined && /^[a-z][\w:.-]*$/.test(sub) ? [program, sub] : [program]
  return `bash(${words.join(' ')}:*)`
}
