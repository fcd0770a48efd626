import {LlmError} from './errors.js'

// Engines answer 503 while they load or swap a model (vLLM, llama.cpp's server, llama-swap), 429 when their queue
// is full, and proxies 502/504 while an engine restarts. Such answers, and connections reset mid-request, are worth
// waiting for: retried with exponential backoff, or after the server's Retry-After, for a bounded time.

export interface RetryPolicy {
  /** First backoff; doubled each attempt. */
  baseMs: number
  /** Longest single wait, Retry-After included. */
  maxDelayMs: number
  /** Give up when the next wait would end later than this after the first failure. */
  giveUpAfterMs: number
}

export const DEFAULT_RETRY: RetryPolicy = {baseMs: 1000, maxDelayMs: 30_000, giveUpAfterMs: 120_000}

const RETRY_STATUSES = new Set([429, 502, 503, 504])

export function isRetryable(error: unknown): error is LlmError {
  if (!(error instanceof LlmError)) return false
  if (error.kind === 'truncated-stream') return true
  if (error.kind === 'connection') return /ECONNRESET|socket hang up/i.test(error.message)
  return error.kind === 'http' && error.status !== undefined && RETRY_STATUSES.has(error.status)
}

export interface RetryNotice {
  error: LlmError
  /** The attempt that comes next (2 for the first retry). */
  attempt: number
  delayMs: number
  /** The wait is the server's Retry-After. */
  serverAsked: boolean
}

/** Runs `attempt` until it succeeds, fails for good, or the time is up (then the last error, saying so, is thrown). */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  o: {policy?: RetryPolicy; signal?: AbortSignal; onRetry?: (n: RetryNotice) => void},
): Promise<T> {
  const policy = o.policy ?? DEFAULT_RETRY
  let first: number | undefined
  for (let n = 1; ; n++) {
    try {
      return await attempt()
    } catch (error) {
      if (!isRetryable(error) || o.signal?.aborted) throw error
      first ??= performance.now()
      const serverAsked = error.retryAfterMs !== undefined
      const delayMs = Math.min(policy.maxDelayMs, error.retryAfterMs ?? policy.baseMs * 2 ** (n - 1))
      const waited = performance.now() - first
      if (waited + delayMs > policy.giveUpAfterMs)
        throw new LlmError(
          error.kind,
          error.endpoint,
          `${error.message} (gave up after ${n} attempts over ${(waited / 1000).toFixed(1)}s)`,
          error.status,
        )
      o.onRetry?.({error, attempt: n + 1, delayMs, serverAsked})
      await sleep(delayMs, o.signal)
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, {once: true})
  })
}
