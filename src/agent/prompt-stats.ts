import {countTokens} from '../llm/tokenizer.js'
import type {ToolSpec} from '../llm/types.js'

// What the fixed part of every request costs: the system prompt and the tool schemas. Local models have small
// windows and prefill is slow, so oac keeps its own share (system prompt + built-in tools) under a budget.

export const PROMPT_BUDGET_TOKENS = 2500

export interface PromptStats {
  systemTokens: number
  toolTokens: number
  tools: number
  /** MCP tools' schemas, on top of the built-in ones. */
  mcpToolTokens: number
  mcpTools: number
  /** Project instructions (AGENTS.md / CLAUDE.md) in the system prompt. */
  projectTokens: number
  /** oac's own share: system prompt without project instructions, plus built-in tool schemas. */
  total: number
  budget: number
}

/** Tokens of tool schemas the way they are sent: the JSON of each function (name, description, parameters). */
export function toolSchemaTokens(tools: ToolSpec[]): number {
  return tools.length ? countTokens(JSON.stringify(tools.map((t) => t.function))) : 0
}

export function promptStats(prompt: {base: string; text: string}, builtin: ToolSpec[], mcp: ToolSpec[]): PromptStats {
  const systemTokens = countTokens(prompt.base)
  const toolTokens = toolSchemaTokens(builtin)
  return {
    systemTokens,
    toolTokens,
    tools: builtin.length,
    mcpToolTokens: toolSchemaTokens(mcp),
    mcpTools: mcp.length,
    projectTokens: countTokens(prompt.text) - systemTokens,
    total: systemTokens + toolTokens,
    budget: PROMPT_BUDGET_TOKENS,
  }
}

export function renderPromptStats(s: PromptStats): string {
  const lines = [
    `system prompt: ${s.systemTokens} tokens`,
    `tool schemas (${s.tools} built-in tools): ${s.toolTokens} tokens`,
    `total: ${s.total} tokens (budget ${s.budget})`,
  ]
  if (s.projectTokens > 0) lines.push(`project instructions (AGENTS.md/CLAUDE.md): +${s.projectTokens} tokens`)
  if (s.mcpTools) lines.push(`MCP tool schemas (${s.mcpTools} tools): +${s.mcpToolTokens} tokens`)
  return lines.join('\n')
}
