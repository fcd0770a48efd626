import type {TextToolFormat} from '../../llm/text-tool-calls/index.js'
import type {ScriptToolCall} from './script.js'

// Tool calls printed as text, in the formats local models emit (the inverse of src/llm/tool-call-parsers).

const argsJson = (c: ScriptToolCall) => (typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments))
const argEntries = (c: ScriptToolCall): [string, string][] =>
  typeof c.arguments === 'string'
    ? [['arguments', c.arguments]]
    : Object.entries(c.arguments).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])

/** Renders calls the way the chat template of each model family prints them. */
export function renderTextToolCalls(format: TextToolFormat, calls: ScriptToolCall[]): string {
  switch (format) {
    case 'hermes':
      return calls
        .map((c) => `<tool_call>\n{"name": "${c.name}", "arguments": ${argsJson(c)}}\n</tool_call>`)
        .join('\n')
    case 'qwen3_coder':
      return calls
        .map((c) => {
          const params = argEntries(c).map(([k, v]) => `<parameter=${k}>\n${v}\n</parameter>\n`)
          return `<tool_call>\n<function=${c.name}>\n${params.join('')}</function>\n</tool_call>`
        })
        .join('\n')
    case 'mistral':
      return `[TOOL_CALLS][${calls.map((c) => `{"name": "${c.name}", "arguments": ${argsJson(c)}}`).join(', ')}]`
    case 'json':
      return calls.map((c) => `\`\`\`json\n{"name": "${c.name}", "arguments": ${argsJson(c)}}\n\`\`\``).join('\n')
    case 'glm45':
      return calls
        .map((c) => {
          const args = argEntries(c).map(([k, v]) => `<arg_key>${k}</arg_key>\n<arg_value>${v}</arg_value>\n`)
          return `<tool_call>${c.name}\n${args.join('')}</tool_call>`
        })
        .join('\n')
    default: {
      const never: never = format
      throw new Error(`unknown format ${never}`)
    }
  }
}
