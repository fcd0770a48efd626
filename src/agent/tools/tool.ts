import type {ToolSpec} from '../../llm/types.js'
import type {PermissionPolicy} from '../permissions/decide.js'
import type {ShellSandbox} from '../sandbox/shell-sandbox.js'
import type {OutputCap} from './output-cap.js'

// The contract every tool (built-in or MCP) keeps: a JSON schema the model sees and a function that returns text.
// A tool throws ToolError for anything the model can fix; the runner turns it into an error result.

/** A request to do something that needs a person's yes (a command on the denylist, a change without --yes). */
export interface ApprovalRequest {
  tool: string
  /** One line saying what would happen. */
  summary: string
  /** On the denylist: destructive or hard to undo. */
  dangerous: boolean
  /** Only a person may allow it: neither --yes nor an earlier "always" does. */
  person?: boolean
  /** Why it is asked (a protected path, a credentials folder, no sandbox, ...). */
  reason?: string
  /** The call's arguments, validated (for a preview or a remembered answer). */
  args?: Record<string, unknown>
}

/** A person's no with their words for the model ("no, and tell it …"). */
export interface Denial {
  denied: string
}

/** true: allowed; false or a Denial: not. */
export type ApprovalHook = (request: ApprovalRequest) => Promise<boolean | Denial>

export interface TodoItem {
  content: string
  status: 'pending' | 'in_progress' | 'completed'
}

export interface ToolContext {
  /** The project root: no tool writes outside it. */
  root: string
  signal: AbortSignal
  approve: ApprovalHook
  /** The todo list of this session, kept by the todo tool. */
  todos: TodoItem[]
  /** A person answers approvals (interactive mode): a refusal is their no, not a missing --yes. */
  personApproves?: boolean
  /** Rules and sandbox state that decide which calls run, ask or are refused; OPEN_POLICY when absent. */
  permissions?: PermissionPolicy
  /** The environment of shell commands (see shell/env-policy.ts); the default policy applied to oac's own when absent. */
  shellEnv?: Record<string, string>
  /** Values redacted from every tool's output (the environment's credentials, see shell/env-policy.ts). */
  secrets?: readonly string[]
  /** A person already allowed this call although it is destructive (set by the runner for that one call). */
  dangerApproved?: boolean
  /** Where shell commands run; unconfined when absent. */
  sandbox?: ShellSandbox
  /** Output of a running command as it comes, for a live view. */
  onOutput?: (text: string) => void
  /** Called after a tool wrote a file (for diffs and /undo); `before` is undefined for a new file. */
  onFileChange?: (change: FileChange) => void
}

/** One file written by a tool: the absolute path and its text before and after. */
export interface FileChange {
  path: string
  before: string | undefined
  after: string
}

export interface AgentTool {
  spec: ToolSpec
  /** Whether it changes files or runs commands (asks for approval). */
  mutates: boolean
  /** How the runner cuts long output (default: keep the head, ask for less). */
  outputCap?: OutputCap
  run(args: Record<string, unknown>, ctx: ToolContext): Promise<string>
}

export {ToolError} from './tool-error.js'

/** A tool from its name, description, JSON schema of parameters and implementation (arguments already validated). */
export function defineTool<A>(def: {
  name: string
  description: string
  parameters: Record<string, unknown>
  mutates?: boolean
  outputCap?: OutputCap
  run(args: A, ctx: ToolContext): Promise<string>
}): AgentTool {
  return {
    spec: {type: 'function', function: {name: def.name, description: def.description, parameters: def.parameters}},
    mutates: def.mutates ?? false,
    ...(def.outputCap ? {outputCap: def.outputCap} : {}),
    run: (args, ctx) => def.run(args as A, ctx),
  }
}
