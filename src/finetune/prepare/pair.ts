import {structuredPatch} from 'diff'
import {BUILTIN_TOOLS} from '../../agent/tools/index.js'
import {type ContextFile, contextBlock} from './context.js'
import {type FileChange, toolCallsFor} from './tool-calls.js'

// One training pair in the chat `messages` form TRL's SFTTrainer, Unsloth and axolotl read: the system prompt, the
// task (the commit message, the failing tests when known, the touched files as they were), and the change as the
// assistant's tool calls (transformers' form, with the agent's tool schemas in `tools`) or as a unified diff. Pure.

export type Target = 'tools' | 'diff'

export interface PairInput {
  message: string
  /** Tests the change makes pass, when a mined task names them. */
  tests: string[]
  files: FileChange[]
  /** The change as `git diff` prints it (the `diff` target). */
  diff: string
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
  tool_calls?: {type: 'function'; function: {name: string; arguments: Record<string, string>}}[]
}

export interface Pair {
  messages: ChatMessage[]
  tools?: (typeof BUILTIN_TOOLS)[number]['spec'][]
}

function touchedLines(f: FileChange): number[] {
  if (f.before === null) return []
  const {hunks} = structuredPatch('a', 'b', f.before, f.after ?? '', '', '', {context: 0})
  return hunks.flatMap((h) => Array.from({length: Math.max(1, h.oldLines)}, (_, i) => h.oldStart - 1 + i))
}

function userMessage(input: PairInput, contextTokens: number, redact: (text: string) => string): string {
  const parts = [input.message]
  if (input.tests.length) parts.push(`These tests should pass:\n${input.tests.map((t) => `- ${t}`).join('\n')}`)
  const shown: ContextFile[] = input.files.flatMap((f) =>
    f.before === null ? [] : [{path: f.path, text: redact(f.before), touched: touchedLines(f)}],
  )
  const context = contextBlock(shown, contextTokens)
  if (context) parts.push(`The files as they are now:\n\n${context}`)
  return parts.join('\n\n')
}

/**
 * The pair for a change; `system` is the system prompt (evals/finetune/system-prompt.txt). `redact` cleans what the
 * context shows (the target is the change as it was: a pair whose change holds a secret is dropped, not edited).
 */
export function buildPair(
  input: PairInput,
  target: Target,
  system: string,
  contextTokens: number,
  redact: (text: string) => string = (t) => t,
): Pair {
  const head: ChatMessage[] = [
    {role: 'system', content: system},
    {role: 'user', content: userMessage(input, contextTokens, redact)},
  ]
  if (target === 'diff') return {messages: [...head, {role: 'assistant', content: input.diff}]}
  // Arguments as an object, not a JSON string: transformers' chat-template guide ("Tool use / function calling")
  // passes them so, and templates such as Qwen2.5's serialise them with `| tojson` (a string would be quoted twice).
  const calls = toolCallsFor(input.files).map((c) => ({type: 'function' as const, function: c}))
  return {
    messages: [...head, {role: 'assistant', content: '', tool_calls: calls}],
    tools: BUILTIN_TOOLS.map((t) => t.spec),
  }
}

/** The text the model learns to write (what must hold no secret). */
export function targetText(pair: Pair): string {
  const last = pair.messages.at(-1)
  return [last?.content ?? '', ...(last?.tool_calls ?? []).map((c) => JSON.stringify(c.function.arguments))].join('\n')
}
