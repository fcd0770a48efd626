// src/lib/retry.ts
//
// Retry with exponential backoff and jitter. Used by the webhook sender, the
// payment-provider client and the S3 uploader. The defaults follow the
// "full jitter" strategy: sleep = random(0, min(cap, base * 2^attempt)).
//
// Usage:
//   const invoice = await retry(() => provider.fetchInvoice(id), {
//     maxAttempts: 5,
//     shouldRetry: (err) => isTransient(err),
//     signal: req.signal,
//   })

export interface RetryOptions {
  /** Total number of calls, including the first one. Default 3. */
  maxAttempts?: number
  /** First backoff step in ms. Default 100. */
  baseDelayMs?: number
  /** Upper bound for a single sleep in ms. Default 10_000. */
  maxDelayMs?: number
  /** 'full' (default), 'equal' or 'none'. */
  jitter?: 'full' | 'equal' | 'none'
  /** Return false to give up immediately on this error. Default: retry everything. */
  shouldRetry?: (err: unknown, attempt: number) => boolean
  /** Called before each sleep; handy for logging and metrics. */
  onRetry?: (info: {err: unknown; attempt: number; delayMs: number}) => void
  /** Aborting stops the retry loop and rejects with the abort reason. */
  signal?: AbortSignal
  /** Overall deadline across all attempts, in ms. */
  timeoutMs?: number
  /** Injected for tests. */
  random?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  now?: () => number
}

export class RetryError extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    readonly errors: unknown[],
  ) {
    super(message, {cause: errors[errors.length - 1]})
    this.name = 'RetryError'
  }
}

/** Errors a caller can throw to say "do not retry this". */
export class PermanentError extends Error {
  constructor(message: string, options?: {cause?: unknown}) {
    super(message, options)
    this.name = 'PermanentError'
  }
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(signal.reason)
      },
      {once: true},
    )
  })
}

/** Compute the delay before retry number `attempt` (0-based). Exported for tests. */
export function backoffDelay(
  attempt: number,
  opts: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'jitter' | 'random'> = {},
): number {
  const base = opts.baseDelayMs ?? 100
  const cap = opts.maxDelayMs ?? 10_000
  const random = opts.random ?? Math.random
  // 2 ** 40 overflows nothing but is silly; clamp the exponent.
  const exp = Math.min(cap, base * 2 ** Math.min(attempt, 30))
  switch (opts.jitter ?? 'full') {
    case 'none':
      return exp
    case 'equal':
      return exp / 2 + random() * (exp / 2)
    case 'full':
      return random() * exp
  }
}

/** Read a Retry-After header value (seconds or HTTP date) into ms, or undefined. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

function retryAfterOf(err: unknown): number | undefined {
  if (err && typeof err === 'object' && 'retryAfterMs' in err) {
    const v = (err as {retryAfterMs: unknown}).retryAfterMs
    if (typeof v === 'number' && v >= 0) return v
  }
  return undefined
}

export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 3
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`)
  }
  const sleep = options.sleep ?? defaultSleep
  const now = options.now ?? Date.now
  const shouldRetry = options.shouldRetry ?? (() => true)
  const deadline = options.timeoutMs === undefined ? Infinity : now() + options.timeoutMs
  const errors: unknown[] = []

  for (let attempt = 0; attempt <= maxAttempts; attempt++) {
    options.signal?.throwIfAborted()
    try {
      return await fn(attempt)
    } catch (err) {
      errors.push(err)
      if (err instanceof PermanentError) throw err
      if (!shouldRetry(err, attempt)) throw err
      if (attempt === maxAttempts) break

      let delayMs = backoffDelay(attempt, options)
      // A server-provided Retry-After wins over our own schedule, but never
      // beyond maxDelayMs: we would rather fail than hang for an hour.
      const hinted = retryAfterOf(err)
      if (hinted !== undefined) delayMs = Math.min(hinted, options.maxDelayMs ?? 10_000)

      if (now() + delayMs > deadline) break
      options.onRetry?.({err, attempt, delayMs})
      await sleep(delayMs, options.signal)
    }
  }
  throw new RetryError(`Gave up after ${errors.length} attempts`, errors.length, errors)
}

/**
 * Wrap a function so every call goes through `retry` with the same options.
 *
 *   const getJson = retrying(fetchJson, {maxAttempts: 4})
 */
export function retrying<A extends unknown[], T>(
  fn: (...args: A) => Promise<T>,
  options: RetryOptions = {},
): (...args: A) => Promise<T> {
  return (...args: A) => retry(() => fn(...args), options)
}

/**
 * HTTP-aware predicate: retry network errors, 408, 425, 429 and 5xx except
 * 501 (not implemented will not start working on the next try).
 */
export function isTransientHttpError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false
  const code = (err as {code?: string}).code
  if (code && ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET'].includes(code)) {
    return true
  }
  const status = (err as {status?: number}).status
  if (typeof status !== 'number') return false
  if (status === 408 || status === 425 || status === 429) return true
  return status >= 500 && status !== 501
}

/** Fetch that throws a structured error for non-2xx so retry() can decide. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly retryAfterMs?: number,
  ) {
    super(`HTTP ${status} from ${url}`)
    this.name = 'HttpStatusError'
  }
}

export async function fetchWithRetry(
  url: string,
  init: RequestInit = {},
  options: RetryOptions = {},
): Promise<Response> {
  return retry(
    async () => {
      const res = await fetch(url, {...init, signal: options.signal})
      if (res.ok) return res
      // Drain the body so the connection can be reused by the pool.
      res.body?.cancel()
      throw new HttpStatusError(res.status, url, parseRetryAfter(res.headers.get('retry-after')))
    },
    {shouldRetry: isTransientHttpError, ...options},
  )
}

// --- tests (vitest, colocated: run with `npx vitest src/lib/retry.ts`) ---
if (import.meta.vitest) {
  const {describe, it, expect, vi} = import.meta.vitest

  describe('backoffDelay', () => {
    it('doubles without jitter and respects the cap', () => {
      const o = {baseDelayMs: 100, maxDelayMs: 1000, jitter: 'none' as const}
      expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, o))).toEqual([100, 200, 400, 800, 1000, 1000])
    })
    it('full jitter scales by random()', () => {
      expect(backoffDelay(2, {baseDelayMs: 100, random: () => 0.5})).toBe(200)
    })
  })

  describe('retry', () => {
    it('returns the first success', async () => {
      const fn = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue('ok')
      await expect(retry(fn, {sleep: async () => {}})).resolves.toBe('ok')
      expect(fn).toHaveBeenCalledTimes(2)
    })
    it('stops on PermanentError', async () => {
      const fn = vi.fn().mockRejectedValue(new PermanentError('no'))
      await expect(retry(fn, {sleep: async () => {}})).rejects.toBeInstanceOf(PermanentError)
      expect(fn).toHaveBeenCalledTimes(1)
    })
    it('parses Retry-After seconds and dates', () => {
      expect(parseRetryAfter('3')).toBe(3000)
      expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000)
      expect(parseRetryAfter('soon')).toBeUndefined()
    })
  })
}
