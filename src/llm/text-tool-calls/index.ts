import type {ToolSpec} from '../types.js'
import {parseGlm45} from './glm45.js'
import {parseHermes} from './hermes.js'
import {parseJsonToolCalls} from './json-fence.js'
import {parseMistral} from './mistral.js'
import {parseQwen3Coder} from './qwen3-coder.js'
import type {ParamTypes, ParsedText, TextToolFormat} from './types.js'

export type {ParsedText, TextToolFormat} from './types.js'
export const TEXT_TOOL_FORMATS = [
  'hermes',
  'qwen3_coder',
  'mistral',
  'json',
  'glm45',
] as const satisfies readonly TextToolFormat[]

/** Parameter types per tool from their JSON schemas. */
export function paramTypes(tools: ToolSpec[] = []): ParamTypes {
  const types: ParamTypes = new Map()
  for (const t of tools) {
    const props =
      (t.function.parameters as {properties?: Record<string, {type?: unknown}>} | undefined)?.properties ?? {}
    types.set(
      t.function.name,
      new Map(Object.entries(props).map(([k, v]) => [k, typeof v.type === 'string' ? v.type : 'any'])),
    )
  }
  return types
}

export function parseFormat(format: TextToolFormat, text: string, types?: ParamTypes): ParsedText {
  switch (format) {
    case 'hermes':
      return parseHermes(text)
    case 'qwen3_coder':
      return parseQwen3Coder(text, types)
    case 'mistral':
      return parseMistral(text)
    case 'json':
      return parseJsonToolCalls(text)
    case 'glm45':
      return parseGlm45(text, types)
    default: {
      const never: never = format
      throw new Error(`unknown tool-call format ${never}`)
    }
  }
}

/** Which format a text uses, from its markers; undefined when it has none. */
export function sniffFormat(text: string): TextToolFormat | undefined {
  if (text.includes('[TOOL_CALLS]')) return 'mistral'
  if (/<tool_call>\s*<function=/.test(text)) return 'qwen3_coder'
  if (/<tool_call>\s*\{/.test(text)) return 'hermes'
  if (/<tool_call>[^<{]*<arg_key>/.test(text) || /<tool_call>[\w.-]+\s*$/.test(text)) return 'glm45'
  if (text.includes('<tool_call>')) return 'hermes'
  if (/```(?:json|tool_call|tool)?\s*[{[]/.test(text) || /^\s*[{[]/.test(text)) return 'json'
  return undefined
}

/** Tool calls a model printed as text, in the given format or (auto) the one its markers show. */
export function parseTextToolCalls(
  text: string,
  format: TextToolFormat | 'auto' = 'auto',
  tools?: ToolSpec[],
): ParsedText {
  const chosen = format === 'auto' ? sniffFormat(text) : format
  if (!chosen) return {content: text.trim(), toolCalls: [], partial: false, trailing: ''}
  return parseFormat(chosen, text, paramTypes(tools))
}
