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

/** The rule an "always" answer stores for a bash command: the program and its subcommand, then anything. */
export function bashRuleFor(argv: string[]): string | undefined {
  const [program, sub] = argv
  if (!program) return undefined
  const words = sub !== undefined && /^[a-z][\w:.-]*$/.test(sub) ? [program, sub] : [program]
  return `bash(${words.join(' ')}:*)`
}
