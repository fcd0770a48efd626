import type {ChatMessage, ToolSpec} from '../../llm/types.js'

// The shapes between the HTTP routes (OpenAI, Anthropic) and an engine behind them (the simulator, the embedded
// engine): a request read from either API, and the sink the engine generates the reply into, one event per token.

/** One generated token, as the routes render it. */
export type TokenEvent =
  | {kind: 'content'; text: string}
  | {kind: 'reasoning'; text: string}
  | {kind: 'tool-start'; index: number; id: string; name: string}
  | {kind: 'tool-args'; index: number; text: string}

export type FinishReason = 'stop' | 'length' | 'tool_calls'

/** A chat request after each API's body was read into one shape. */
export interface SimRequest {
  model: string
  messages: ChatMessage[]
  tools: ToolSpec[]
  maxTokens?: number
  stop: string[]
  ignoreEos: boolean
  /** response_format json_schema: the schema a constrained engine must follow (the simulator ignores it). */
  jsonSchema?: unknown
  /** /v1/completions: the raw prompt, counted without chat framing. */
  promptText?: string
  /** Which route it came from, for error messages. */
  route: string
  /** performance.now() when the request reached the server: TTFT is scheduled from here, not from parsing. */
  arrivedAt: number
}

/** Receives a reply as it is generated; the OpenAI and Anthropic renderers implement it. */
export interface SimSink {
  start(promptTokens: number): void
  events(batch: TokenEvent[]): void
  end(finishReason: FinishReason, usage: {promptTokens: number; completionTokens: number} | undefined): void
  /** The stream was cut on purpose (scripted truncation): drop the connection without an end. */
  cut(): void
}

/** Thrown to drop a stream on purpose (scripted truncation): the server closes the connection without an end. */
export class StreamCut extends Error {}
