import type {ApprovalRequest} from '../tools/tool.js'

// "Always allow" answers for the rest of the session: for bash, the command's first word (`npm` allows every npm
// command); for other tools (write, edit, multi_edit, MCP tools), the tool. A bash command is allowed only when
// every command chained in it (&&, ||, ;, |) starts with an allowed word, and never when it substitutes commands
// ($(...), backticks). Denylisted requests are never remembered.

/** Where one command ends and the next begins; `&` in a redirection (2>&1, &>file) is not one. */
const CHAIN = /&&|\|\||\|&|[;|\n]|(?<![<>])&(?!>)/

/** The program a shell command runs: its first word after any VAR=value assignments. */
export function firstWord(command: string): string | undefined {
  const words = command.trim().split(/\s+/).filter(Boolean)
  return words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w))
}

function commandOf(request: ApprovalRequest): string {
  const command = request.args?.command
  return typeof command === 'string' ? command : request.summary
}

/** What an "always" answer to this request would allow, in words: `bash npm`, `edit`. */
export function memoryKey(request: ApprovalRequest): string | undefined {
  if (request.dangerous) return undefined
  if (request.tool !== 'bash') return request.tool
  const word = firstWord(commandOf(request))
  return word ? `bash ${word}` : undefined
}

export class ApprovalMemory {
  private readonly allowed = new Set<string>()

  /** Remembers an "always" answer; false when the request cannot be remembered (denylisted, empty command). */
  remember(request: ApprovalRequest): boolean {
    const key = memoryKey(request)
    if (key) this.allowed.add(key)
    return key !== undefined
  }

  allows(request: ApprovalRequest): boolean {
    if (request.dangerous) return false
    if (request.tool !== 'bash') return this.allowed.has(request.tool)
    const command = commandOf(request)
    if (/\$\(|`/.test(command)) return false
    const parts = command.split(CHAIN).filter((p) => p.trim())
    return (
      parts.length > 0 &&
      parts.every((p) => {
        const word = firstWord(p)
        return word !== undefined && this.allowed.has(`bash ${word}`)
      })
    )
  }

  /** The remembered answers, for display. */
  get entries(): string[] {
    return [...this.allowed]
  }
}
