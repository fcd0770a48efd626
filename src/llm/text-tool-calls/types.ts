import type {ToolCall} from '../types.js'

/** Text with the tool calls a model printed taken out of it. */
export interface ParsedText {
  /** The text around the calls, trimmed. */
  content: string
  toolCalls: ToolCall[]
  /** An opening marker has no closing one yet (streamed input cut mid-call); that call is not returned. */
  partial: boolean
  /** The text after the last call, trimmed: a call followed by prose is not the end of the reply. */
  trailing: string
}

export type TextToolFormat = 'hermes' | 'qwen3_coder' | 'mistral' | 'json' | 'glm45'

/** Parameter types from the tools' schemas, so `<parameter=n>42</parameter>` becomes 42 only where a number is expected. */
export type ParamTypes = Map<string, Map<string, string>>
