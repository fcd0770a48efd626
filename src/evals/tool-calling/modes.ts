import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {parseTextToolCalls} from '../../llm/text-tool-calls/index.js'
import type {ChatMessage, ChatRequest, ChatResult, ToolCall} from '../../llm/types.js'
import {packageRoot} from '../../paths.js'
import type {ToolCase} from './suite.js'

// How a case is asked and how calls are read back, per mode:
// native      — the `tools` parameter; the engine's own tool-call parser fills `tool_calls`.
// text        — tools described in the system prompt; calls parsed from the reply text by oac's parsers.
// constrained — JSON-schema constrained output (response_format) listing the calls.

export type EvalMode = 'native' | 'text' | 'constrained'

const prompts = new Map<string, string>()
function prompt(name: string, tools: ToolCase['tools']): string {
  let text = prompts.get(name)
  if (text === undefined) {
    text = readFileSync(join(packageRoot, 'evals', 'tool-calling', 'prompts', `${name}.txt`), 'utf8').trim()
    prompts.set(name, text)
  }
  return text.replace('{{tools}}', tools.map((t) => JSON.stringify(t.function)).join('\n'))
}

/** The tool-call history rewritten as text, for models that only see text (Hermes conventions). */
function historyAsText(messages: ChatMessage[]): ChatMessage[] {
  return messages.map((m): ChatMessage => {
    if (m.role === 'assistant' && m.tool_calls?.length) {
      const calls = m.tool_calls.map((c) =>
        c.type === 'function'
          ? `<tool_call>\n{"name": "${c.function.name}", "arguments": ${c.function.arguments}}\n</tool_call>`
          : '',
      )
      return {
        role: 'assistant',
        content: [typeof m.content === 'string' ? m.content : '', ...calls].filter(Boolean).join('\n'),
      }
    }
    if (m.role === 'tool')
      return {
        role: 'user',
        content: `<tool_response>\n${typeof m.content === 'string' ? m.content : ''}\n</tool_response>`,
      }
    return m
  })
}

function withSystem(messages: ChatMessage[], text: string): ChatMessage[] {
  const [first, ...rest] = messages
  if (first?.role === 'system') return [{role: 'system', content: `${text}\n\n${first.content}`}, ...rest]
  return [{role: 'system', content: text}, ...messages]
}

/** JSON schema for constrained mode: {tool_calls: [one of the tools' {name, arguments}]}. */
function callsSchema(c: ToolCase): Record<string, unknown> {
  const items = c.tools.map((t) => ({
    type: 'object',
    properties: {name: {const: t.function.name}, arguments: t.function.parameters ?? {type: 'object'}},
    required: ['name', 'arguments'],
  }))
  // oneOf, not anyOf: node-llama-cpp's grammar compiler supports oneOf; the names are distinct consts, so they agree.
  return {type: 'object', properties: {tool_calls: {type: 'array', items: {oneOf: items}}}, required: ['tool_calls']}
}

export function buildRequest(
  c: ToolCase,
  mode: EvalMode,
  model: string,
  messages: ChatMessage[] = c.messages,
): ChatRequest {
  if (mode === 'native') return {model, messages, tools: c.tools, temperature: 0}
  if (mode === 'text')
    return {model, messages: withSystem(historyAsText(messages), prompt('text-mode', c.tools)), temperature: 0}
  return {
    model,
    messages: withSystem(historyAsText(messages), prompt('constrained-mode', c.tools)),
    temperature: 0,
    responseFormat: {type: 'json_schema', json_schema: {name: 'tool_calls', schema: callsSchema(c), strict: true}},
  }
}

/** The calls a reply made, read the mode's way; `unparseable` holds a constrained reply that is not JSON at all. */
export interface ReadCalls {
  calls: ToolCall[]
  unparseable?: string
}

export function callsOf(result: ChatResult, mode: EvalMode, c: ToolCase): ReadCalls {
  if (mode === 'native') return {calls: result.toolCalls}
  if (mode === 'text') return {calls: parseTextToolCalls(result.content, 'auto', c.tools).toolCalls}
  let data: unknown
  try {
    data = JSON.parse(result.content)
  } catch {
    return {calls: [], unparseable: result.content}
  }
  const list = (data as {tool_calls?: unknown}).tool_calls
  if (!Array.isArray(list)) return {calls: []}
  const calls = list.map((x, i) => {
    const call = (x && typeof x === 'object' ? x : {}) as {name?: unknown; arguments?: unknown}
    return {
      id: `call_${i}`,
      name: String(call.name ?? ''),
      arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
    }
  })
  return {calls}
}

/** The follow-up that feeds validation errors back (--retry-on-error): the calls as made, each answered by its error. */
export function retryMessages(
  mode: EvalMode,
  before: ChatMessage[],
  result: ChatResult,
  calls: ToolCall[],
  error: string,
): ChatMessage[] {
  if (mode === 'native' && calls.length)
    return [
      ...before,
      {
        role: 'assistant',
        content: result.content || null,
        tool_calls: calls.map((k) => ({
          id: k.id,
          type: 'function' as const,
          function: {name: k.name, arguments: k.arguments},
        })),
      },
      ...calls.map((k) => ({role: 'tool' as const, tool_call_id: k.id, content: `Error: ${error}`})),
    ]
  return [
    ...before,
    {role: 'assistant', content: result.content},
    {role: 'user', content: `Error: ${error}. Fix the call and try again.`},
  ]
}
