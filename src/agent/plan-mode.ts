import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {packageRoot} from '../paths.js'
import {type AgentTool, type ApprovalHook, ToolError} from './tools/tool.js'

// `--permission-mode plan` (Claude Code's plan mode): the model gets only the tools that change nothing, a note in
// the system prompt telling it to answer with a plan, and every change is refused should one get through. Which
// changes a person allows otherwise is the permission rules' business, not this file's.

export type PermissionMode = 'default' | 'plan'

export const PLAN_MODE_FILE = join(packageRoot, 'evals', 'agent', 'plan-mode.txt')

export const PLAN_MODE_REFUSAL =
  'Refused: plan mode allows only reading; this tool is off until the user approves your plan. Answer with your plan instead.'

/** The tools plan mode offers: those that change no file and run no command. */
export function planModeTools(tools: readonly AgentTool[]): AgentTool[] {
  return tools.filter((t) => !t.mutates)
}

/**
 * Stand-ins for the tools plan mode leaves out: not offered to the model, but a call to one (small models call
 * `edit` anyway) gets plan mode's refusal instead of "Unknown tool".
 */
export function planModeRefusals(tools: readonly AgentTool[]): AgentTool[] {
  return tools
    .filter((t) => t.mutates)
    .map((t) => ({
      ...t,
      // Nothing to approve: the stand-in only refuses.
      mutates: false,
      run: async () => {
        throw new ToolError(PLAN_MODE_REFUSAL)
      },
    }))
}

/** The system prompt with the plan-mode note after it. */
export async function planModeSystem(system: string): Promise<string> {
  return `${system}\n\n${(await readFile(PLAN_MODE_FILE, 'utf8')).trim()}`
}

/** Refuses whatever asks for approval: in plan mode nothing that needs one may run. */
export const refuseInPlanMode: ApprovalHook = async () => false

/** Applies plan mode to a run's tools, system prompt and approval hook; other modes leave them as they are. */
export async function withPermissionMode(
  mode: PermissionMode | undefined,
  run: {tools: AgentTool[]; system: string; approve: ApprovalHook},
): Promise<{tools: AgentTool[]; system: string; approve: ApprovalHook}> {
  if (mode !== 'plan') return run
  return {tools: planModeTools(run.tools), system: await planModeSystem(run.system), approve: refuseInPlanMode}
}
