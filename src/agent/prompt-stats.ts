import {countO200k} from '../llm/o200k.js'
import type {ToolSpec} from '../llm/types.js'

// What the fixed part of every request costs: the system message and the `tools` array, counted on exactly the
// bytes the request carries (the system message's content, and the tools serialized as they go out, wrappers
// included) with o200k_base. Local models have small windows and prefill is slow, so oac keeps its own share
// (system prompt + built-in tools) under a budget. Where the engine can count (/tokenize), its number is added.

export const PROMPT_BUDGET_TOKENS = 1000

export interface PromptStats {
  tokenizer: 'o200k_base'
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
  /** The engine's own count of the whole fixed prompt (system prompt as sent, every tool), when it can count. */
  engine?: {tokens: number; form: 'template' | 'text'}
}

/** Tokens of tool schemas as they are sent: the JSON of the request's `tools` array. */
export function toolSchemaTokens(tools: ToolSpec[]): number {
  return tools.length ? countO200k(JSON.stringify(tools)) : 0
}

export function promptStats(prompt: {base: string; text: string}, builtin: ToolSpec[], mcp: ToolSpec[]): PromptStats {
  const systemTokens = countO200k(prompt.base)
  const toolTokens = toolSchemaTokens(builtin)
  return {
    tokenizer: 'o200k_base',
    systemTokens,
    toolTokens,
    tools: builtin.length,
    // The MCP tools' share: the whole array as sent, less the built-in part of it.
    mcpToolTokens: mcp.length ? toolSchemaTokens([...builtin, ...mcp]) - toolTokens : 0,
    mcpTools: mcp.length,
    projectTokens: countO200k(prompt.text) - systemTokens,
    total: systemTokens + toolTokens,
    budget: PROMPT_BUDGET_TOKENS,
  }
}

export function renderPromptStats(s: PromptStats): string {
  const lines = [
    `system prompt: ${s.systemTokens} tokens`,
    `tool schemas (${s.tools} built-in tools): ${s.toolTokens} tokens`,
    `total: ${s.total} tokens (${s.tokenizer}, on the bytes sent; budget ${s.budget})`,
  ]
  if (s.projectTokens > 0) lines.push(`project instructions (AGENTS.md/CLAUDE.md): +${s.projectTokens} tokens`)
  if (s.mcpTools) lines.push(`MCP tool schemas (${s.mcpTools} tools): +${s.mcpToolTokens} tokens`)
  lines.push(
    s.engine
      ? `engine's tokenizer: ${s.engine.tokens} tokens for the whole fixed prompt (${s.engine.form === 'template' ? 'with its chat template' : 'the same bytes, no template'})`
      : "engine's tokenizer: n/a (no --endpoint/--engine, or the engine has no /tokenize)",
  )
  return lines.join('\n')
}
