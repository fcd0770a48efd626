import {allowsCall} from '../permissions/match-rule.js'
import {bashRuleFor, type PermissionRule, parseRule} from '../permissions/permission-rule.js'
import {parseShell} from '../shell/parse-shell.js'
import type {ApprovalRequest} from '../tools/tool.js'

// "Always allow" answers for the rest of the session, kept as permission rules. For bash, one rule per command in
// the line, on the program and its subcommand (`bash(git log:*)`), matched on the parsed command: it never covers
// `git -c core.pager=… log`, `echo hi > ~/.bashrc`, `git log && curl … | sh` or a substitution. For other tools
// The file tools (write, edit, multi_edit) are one family: "always" for one allows the three, as a person means
// "stop asking about file changes". MCP tools: the tool itself. Requests only a person may allow are never remembered.

const FILE_TOOLS = ['edit', 'write', 'multi_edit']

function commandOf(request: ApprovalRequest): string {
  const command = request.args?.command
  return typeof command === 'string' ? command : request.summary
}

/** The rules an "always" answer would store, or none when the request cannot be remembered. */
export function memoryRules(request: ApprovalRequest): string[] {
  if (request.dangerous || request.person) return []
  if (FILE_TOOLS.includes(request.tool)) return FILE_TOOLS
  if (request.tool !== 'bash') return [request.tool]
  const parsed = parseShell(commandOf(request))
  if (parsed.complex || parsed.unterminated) return []
  const rules = parsed.commands.map((c) => bashRuleFor(c.argv))
  return rules.every((r) => r !== undefined) ? [...new Set(rules as string[])] : []
}

/** What an "always" answer would allow, in words: `bash(npm test:*)`, `file edits`, `mcp__x__y`. */
export function memoryKey(request: ApprovalRequest): string | undefined {
  if (FILE_TOOLS.includes(request.tool) && !request.dangerous && !request.person) return 'file edits'
  const rules = memoryRules(request)
  return rules.length ? rules.join(', ') : undefined
}

export class ApprovalMemory {
  private readonly rules: PermissionRule[] = []

  /** Remembers an "always" answer; false when the request cannot be remembered. */
  remember(request: ApprovalRequest): boolean {
    const rules = memoryRules(request)
    for (const text of rules) if (!this.rules.some((r) => r.text === text)) this.rules.push(parseRule(text))
    return rules.length > 0
  }

  allows(request: ApprovalRequest): boolean {
    if (request.dangerous || request.person) return false
    if (request.tool !== 'bash') return this.rules.some((r) => r.tool === request.tool && r.pattern === undefined)
    const shell = parseShell(commandOf(request))
    return allowsCall(
      this.rules.filter((r) => r.tool === 'bash'),
      {tool: 'bash', shell, root: '/'},
    )
  }

  /** The remembered answers, for display. */
  get entries(): string[] {
    return this.rules.map((r) => r.text)
  }

  /** Forgets the grant `text` (a rule as listed), or all with `all`; returns the rules that went. */
  revoke(text: string | 'all'): string[] {
    const family = FILE_TOOLS.includes(text) ? FILE_TOOLS : [text]
    const gone = this.rules.filter((r) => text === 'all' || family.includes(r.text)).map((r) => r.text)
    this.rules.splice(0, this.rules.length, ...this.rules.filter((r) => !gone.includes(r.text)))
    return gone
  }
}
