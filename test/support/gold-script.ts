import type {Script, ScriptReply, ScriptToolCall} from '../../src/engines/sim/script.js'
import {buildRequest, type EvalMode} from '../../src/evals/tool-calling/modes.js'
import type {ToolCase} from '../../src/evals/tool-calling/suite.js'
import {messageText} from '../../src/llm/prompt-tokens.js'

// An `oac sim` script that answers every case with its gold calls (the first acceptable value of each argument),
// in the shape the mode reads: native tool calls, calls printed as text, or constrained JSON. Used to check that
// the suite, the checker and the modes agree (a gold run must score 100%), and as a harness benchmark.

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function goldCalls(c: ToolCase): ScriptToolCall[] {
  return c.expected.map((e) => {
    const args: Record<string, unknown> = {}
    for (const [key, values] of Object.entries(e.arguments)) if (values[0] !== '') args[key] = values[0]
    return {name: e.name, arguments: args}
  })
}

export function goldReply(
  c: ToolCase,
  mode: EvalMode,
  textFormat: 'hermes' | 'qwen3_coder' | 'json' = 'hermes',
): ScriptReply {
  const calls = goldCalls(c)
  if (!calls.length) return {content: 'None of the available tools can do that, so I will answer directly.'}
  if (mode === 'native') return {toolCalls: calls}
  if (mode === 'text') return {textToolCalls: {format: textFormat, calls}}
  return {content: JSON.stringify({tool_calls: calls})}
}

/** One rule per case, matched on the exact last message the mode sends. */
export function caseScript(cases: ToolCase[], mode: EvalMode, reply: (c: ToolCase) => ScriptReply): Script {
  return {
    mode: 'match',
    rules: cases.map((c) => {
      const messages = buildRequest(c, mode, 'm').messages
      const last = messages[messages.length - 1]
      // The end of the last message (the request itself) identifies the case; a whole 32k-token context would
      // not fit in a regular expression.
      return {match: {last: `${escapeRegExp((last ? messageText(last) : '').slice(-2000))}$`}, reply: reply(c)}
    }),
  }
}
