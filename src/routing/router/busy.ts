// An engine that is there but cannot answer yet says so with a 503: with `Retry-After` (vLLM's and SGLang's
// overload answers, proxies in front of them), or while a model loads, with a message (llama.cpp's server answers
// 503 `{"error": {"message": "Loading model", "type": "unavailable_error"}}` until its weights are in). Such a 503
// is worth waiting for; any other 5xx is a failure.

/** When an upstream gives no time, how long a loading model is waited for before asking again. */
export const LOADING_RETRY_MS = 1_000

const LOADING = /loading/i

/** Milliseconds the upstream asked to wait, or undefined when the answer is not a "come back later" 503. */
export function busyFor(status: number, retryAfter: string | string[] | undefined, body: string): number | undefined {
  if (status !== 503) return undefined
  const header = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter
  if (header !== undefined && header.trim() !== '') {
    const seconds = Number(header)
    if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000)
    const date = Date.parse(header)
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now())
  }
  return LOADING.test(body) ? LOADING_RETRY_MS : undefined
}

/** Whole seconds for a `Retry-After` header sent to a client: at least 1. */
export const retryAfterSeconds = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)))
