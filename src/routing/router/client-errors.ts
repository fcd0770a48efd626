import type {ServerResponse} from 'node:http'
import type {UpstreamApi} from '../config.js'

// Errors in the client's own format: OpenAI's {error: {message, type, code}} for Chat Completions, Responses,
// embeddings and models; Anthropic's {type: 'error', error: {type, message}} for Messages. An engine's
// context-length 400 becomes the error each client acts on (Claude Code compacts on "prompt is too long";
// Codex on code context_length_exceeded).

export class RouterError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    /** Seconds sent as `Retry-After` (every upstream busy or down). */
    readonly retryAfter?: string,
  ) {
    super(message)
  }
}

const ANTHROPIC_TYPE: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  503: 'overloaded_error',
  529: 'overloaded_error',
}

const OPENAI_TYPE: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  404: 'not_found_error',
  413: 'invalid_request_error',
}

// vLLM (both wordings: "you requested N tokens (P in the messages, C in the completion)" and
// "your request has P input tokens"), llama.cpp ("exceeds the available context size"), Ollama, SGLang.
const CONTEXT_PATTERNS = [
  /maximum context length/i,
  /context size/i,
  /context length/i,
  /prompt is too long/i,
  /too many tokens/i,
]

export function isContextLengthError(message: string): boolean {
  return CONTEXT_PATTERNS.some((p) => p.test(message))
}

/** Anthropic's wording, with the numbers when the engine's message gives them. */
export function promptTooLong(message: string): string {
  const max = /maximum context length is (\d+)/i.exec(message)?.[1] ?? /context size \((\d+)/i.exec(message)?.[1]
  const used =
    /has (\d+) input tokens/i.exec(message)?.[1] ??
    /\((\d+) in the messages/i.exec(message)?.[1] ??
    /requested (\d+) tokens/i.exec(message)?.[1]
  return used && max ? `prompt is too long: ${used} tokens > ${max} maximum` : 'prompt is too long'
}

export function errorBody(api: UpstreamApi, status: number, message: string, code?: string): unknown {
  if (api === 'messages') {
    const context = status === 400 && isContextLengthError(message)
    return {
      type: 'error',
      error: {type: ANTHROPIC_TYPE[status] ?? 'api_error', message: context ? promptTooLong(message) : message},
    }
  }
  const context = status === 400 && isContextLengthError(message)
  return {
    error: {
      message,
      type: OPENAI_TYPE[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error'),
      param: null,
      code: context ? 'context_length_exceeded' : (code ?? null),
    },
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers})
  res.end(text)
}

export function sendError(res: ServerResponse, api: UpstreamApi, error: RouterError): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const headers = error.retryAfter ? {'retry-after': error.retryAfter} : undefined
  sendJson(res, error.status, errorBody(api, error.status, error.message, error.code), headers)
}
