import type {ServerResponse} from 'node:http'
import type {UpstreamApi} from '../config.js'
import {type ContextOverflow, MIN_REPLY_TOKENS, parseContextOverflow} from './context-fit.js'

// Errors in the client's own format: OpenAI's {error: {message, type, code}} for Chat Completions, Responses,
// embeddings and models; Anthropic's {type: 'error', error: {type, message}} for Messages. An engine's
// context-length 400 becomes the error each client acts on, told apart: the prompt is too long, or the reply asked
// for does not fit (context-fit.ts).

export class RouterError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    /** Seconds sent as `Retry-After` (every upstream busy or down). */
    readonly retryAfter?: string,
    /** What the router knows of a context refusal (context-fit.ts), when the message alone does not say. */
    readonly overflow?: ContextOverflow,
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

/** Anthropic's wordings, which Claude Code acts on: it compacts on the first, lowers max_tokens on the second. */
function anthropicContextMessage(o: ContextOverflow, fallback: string): string {
  const {context, prompt, completion} = o
  if (o.kind === 'output' && context !== undefined && prompt !== undefined && completion !== undefined)
    return `input length and \`max_tokens\` exceed context limit: ${prompt} + ${completion} > ${context}, decrease input length or \`max_tokens\` and try again`
  if (o.kind === 'output') return `max_tokens: ${fallback}`
  if (context === undefined || prompt === undefined) return 'prompt is too long'
  // A prompt that fits but leaves no room for a reply is too long by the room a reply needs.
  const limit = prompt < context ? context - MIN_REPLY_TOKENS : context
  return `prompt is too long: ${prompt} tokens > ${limit} maximum`
}

/**
 * The error body in the client's API. A 400 about the context (`overflow`, or read from `message`) becomes what
 * each client acts on: Anthropic's "prompt is too long" / "input length and max_tokens exceed context limit",
 * OpenAI's code `context_length_exceeded` for a prompt too long (Codex compacts on it).
 */
export function errorBody(
  api: UpstreamApi,
  status: number,
  message: string,
  code?: string,
  overflow?: ContextOverflow,
): unknown {
  const context = status === 400 ? (overflow ?? parseContextOverflow(message)) : undefined
  if (api === 'messages')
    return {
      type: 'error',
      error: {
        type: ANTHROPIC_TYPE[status] ?? 'api_error',
        message: context ? anthropicContextMessage(context, message) : message,
      },
    }
  return {
    error: {
      message,
      type: OPENAI_TYPE[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error'),
      param: context?.kind === 'output' ? (api === 'responses' ? 'max_output_tokens' : 'max_tokens') : null,
      code: context?.kind === 'prompt' ? 'context_length_exceeded' : (code ?? null),
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
  sendJson(res, error.status, errorBody(api, error.status, error.message, error.code, error.overflow), headers)
}
