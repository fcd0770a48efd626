import type OpenAI from 'openai'

// The contract between the client (src/llm/) and every stage that talks to a model.

export type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam
/** An OpenAI function tool: {type: 'function', function: {name, description, parameters}}. */
export type ToolSpec = OpenAI.Chat.Completions.ChatCompletionFunctionTool

/** One tool call as the model made it; `arguments` is the raw text (possibly invalid JSON). */
export interface ToolCall {
  id: string
  name: string
  arguments: string
  /** Read from printed text only after oac repaired its JSON: the model did not send this call as valid JSON. */
  repaired?: boolean
}

/** A received chunk that carried tokens: when it arrived (performance.now(), ms) and what it carried. */
export interface ChunkTiming {
  t: number
  /** `content`: answer text or a tool call; `reasoning`: reasoning_content / reasoning. */
  kind: 'content' | 'reasoning'
}

export interface StreamTiming {
  /** performance.now() when the request was handed to the socket for the server: TTFT and E2E count from here. */
  start: number
  /** Time between the call and the request leaving: the client's own queueing, kept out of TTFT and reported apart. */
  clientQueueMs?: number
  /** When the first chunk carrying a token of any kind (content, reasoning or tool call) arrived: TTFT. */
  firstTokenAt?: number
  /** When the first chunk carrying answer content or a tool call arrived (after any reasoning). */
  firstContentAt?: number
  /** False when the server answered a streamed request with one JSON body: no per-token timing exists then. */
  streamed: boolean
  end: number
  chunks: ChunkTiming[]
}

export interface Usage {
  promptTokens: number
  completionTokens: number
  /** True when the server sent no usage and the counts were estimated with the client's tokenizer. */
  estimated: boolean
  /** What counted an estimate: the engine's /tokenize, or a named approximation. */
  tokenizer?: string
}

export interface ChatRequest {
  model: string
  messages: ChatMessage[]
  tools?: ToolSpec[]
  toolChoice?: OpenAI.Chat.Completions.ChatCompletionToolChoiceOption
  maxTokens?: number
  temperature?: number
  stop?: string[]
  /** vLLM/llama.cpp extension: keep generating past end-of-sequence (fixed output lengths in benchmarks). */
  ignoreEos?: boolean
  responseFormat?: OpenAI.Chat.Completions.ChatCompletionCreateParams['response_format']
  /** Engine-specific body fields passed through as they are. */
  extraBody?: Record<string, unknown>
  signal?: AbortSignal
}

export interface ChatResult {
  content: string
  reasoning?: string
  toolCalls: ToolCall[]
  finishReason: string | null
  usage: Usage
  timing: StreamTiming
  /** Which upstream answered, from oac's router's `x-oac-upstream` reply header (`name/model`); absent elsewhere. */
  upstream?: string
}
