import {APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError} from 'openai'
import {EXIT, OacError} from '../errors.js'

// Typed errors of the client. Each message is one line a user can act on: which endpoint, what happened, what to try.

export type LlmErrorKind = 'connection' | 'timeout' | 'http' | 'context-length' | 'truncated-stream' | 'aborted'

export class LlmError extends OacError {
  constructor(
    readonly kind: LlmErrorKind,
    readonly endpoint: string,
    message: string,
    readonly status?: number,
    /** What the server's `Retry-After` header asked for, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message, EXIT.failed)
    this.name = 'LlmError'
  }
}

/** `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `now`; undefined when absent or bad. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

// Wordings engines use for a prompt that does not fit: vLLM, llama.cpp server, OpenAI.
const CONTEXT_PATTERNS = [
  /maximum context length/i,
  /exceeds the available context size/i,
  /context[_ ]length[_ ]exceeded/i,
  /too many tokens/i,
]

export function isContextLengthMessage(message: string): boolean {
  return CONTEXT_PATTERNS.some((p) => p.test(message))
}

/** Maps whatever the SDK or the socket threw into an LlmError. */
export function toLlmError(error: unknown, endpoint: string): LlmError {
  if (error instanceof LlmError) return error
  if (error instanceof APIUserAbortError || (error instanceof Error && error.name === 'AbortError'))
    return new LlmError('aborted', endpoint, `Request to ${endpoint} was cancelled`)
  if (error instanceof APIConnectionTimeoutError)
    return new LlmError(
      'timeout',
      endpoint,
      `${endpoint} did not answer in time (timeout); is the model still loading or the server overloaded?`,
    )
  if (error instanceof APIConnectionError) {
    const cause = (error.cause as {code?: string; cause?: {code?: string}} | undefined) ?? {}
    const code = cause.code ?? cause.cause?.code
    if (code === 'ECONNREFUSED')
      return new LlmError(
        'connection',
        endpoint,
        `Cannot connect to ${endpoint}: connection refused; is the engine running? (oac engine status)`,
      )
    if (code === 'ENOTFOUND')
      return new LlmError('connection', endpoint, `Cannot connect to ${endpoint}: host not found`)
    return new LlmError('connection', endpoint, `Cannot connect to ${endpoint}: ${code ?? error.message}`)
  }
  if (error instanceof APIError && error.status !== undefined) {
    const detail = error.message.replace(/^\d{3}\s*/, '')
    if (error.status === 400 && isContextLengthMessage(detail))
      return new LlmError(
        'context-length',
        endpoint,
        `The prompt does not fit the context of ${endpoint}: ${detail}`,
        400,
      )
    const retryAfter = parseRetryAfter(error.headers?.get?.('retry-after'))
    return new LlmError(
      'http',
      endpoint,
      `${endpoint} answered HTTP ${error.status}: ${detail}`,
      error.status,
      retryAfter,
    )
  }
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as {code?: string} | undefined)?.code
  if (code === 'ECONNRESET' || /terminated|ECONNRESET|socket hang up|premature close/i.test(message))
    return new LlmError(
      'truncated-stream',
      endpoint,
      `The stream from ${endpoint} ended before the reply was complete (${message})`,
    )
  return new LlmError('http', endpoint, `Request to ${endpoint} failed: ${message}`)
}
