import {timingSafeEqual} from 'node:crypto'
import type {IncomingHttpHeaders, IncomingMessage, ServerOptions} from 'node:http'

// The one request guard of oac's HTTP servers (oac sim, oac serve, oac router, oac mcp --http). A page in the
// user's browser can reach 127.0.0.1 through DNS rebinding (its own name, say 127.attacker.example, resolving to
// 127.0.0.1) or with a "simple" cross-site POST (text/plain needs no CORS preflight). So a server bound to loopback
// answers only requests addressed to a loopback name, spelled exactly; every POST must say it is JSON (which a
// cross-site page cannot send without a preflight, and these servers answer none); a body past the limit is refused
// before it is read; and with keys every route but the open ones needs one. A server bound beyond loopback must
// have keys (exposureError), and then the key, not the Host name, is what admits a request.

/** A refused request: the HTTP status and what to tell the client; each server answers in its own error shape. */
export interface Refusal {
  status: 401 | 403 | 413 | 415
  message: string
}

export interface GuardOptions {
  /** The address the server is bound to. */
  host: string
  /** Accepted keys (Authorization: Bearer KEY, or x-api-key: KEY); none: no key needed. */
  apiKeys?: readonly string[] | undefined
  /** Paths answered without a key (health checks). */
  openPaths?: readonly string[]
  /** The largest request body, checked against Content-Length here and while reading (readBody). */
  maxBodyBytes?: number
}

/**
 * Timeouts for every server: the headers of a request must arrive within 10 s and its body within 60 s (Node's
 * defaults are 60 s and 300 s), so a client that trickles bytes cannot hold connections open. Replies, streamed or
 * not, are not limited by these.
 */
export const SERVER_TIMEOUTS: ServerOptions = {
  headersTimeout: 10_000,
  requestTimeout: 60_000,
  connectionsCheckingInterval: 1_000,
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Whether a bind address keeps the server on this machine. */
export function isLoopbackBind(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/** Whether a Host header names this loopback server: localhost, 127.0.0.1, [::1] or the bound address, any port. */
export function loopbackHostAllowed(header: string | undefined, bound: string): boolean {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(header ?? '')
  if (!m) return false
  const name = (m[1] as string).toLowerCase()
  const boundName = bound.includes(':') && !bound.startsWith('[') ? `[${bound}]` : bound
  return LOOPBACK_NAMES.has(name) || name === boundName.toLowerCase()
}

/** The key a client presented, as OpenAI clients (Bearer) or Anthropic clients (x-api-key) send it. */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]
  const key = headers['x-api-key']
  return bearer ?? (typeof key === 'string' ? key : undefined)
}

/** Whether `presented` is one of `keys`, compared in constant time. */
export function keyAllowed(keys: readonly string[], presented: string | undefined): boolean {
  if (presented === undefined) return false
  const got = Buffer.from(presented)
  let ok = false
  for (const key of keys) {
    const want = Buffer.from(key)
    if (want.length === got.length && timingSafeEqual(want, got)) ok = true
  }
  return ok
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH'])

/** Why a request is refused, or undefined when it may be served. */
export function guardRequest(req: IncomingMessage, o: GuardOptions, path: string): Refusal | undefined {
  if (isLoopbackBind(o.host) && !loopbackHostAllowed(req.headers.host, o.host))
    return {
      status: 403,
      message: `Host \`${req.headers.host ?? ''}\` is not allowed: this server answers localhost, 127.0.0.1 and [::1] only`,
    }
  if (o.apiKeys?.length && !o.openPaths?.includes(path) && !keyAllowed(o.apiKeys, presentedKey(req.headers)))
    return {status: 401, message: 'missing or wrong API key: send `Authorization: Bearer KEY` or `x-api-key: KEY`'}
  if (BODY_METHODS.has(req.method ?? '') && !/^application\/json\s*(?:;|$)/i.test(req.headers['content-type'] ?? ''))
    return {
      status: 415,
      message: `expected Content-Type application/json, got \`${req.headers['content-type'] ?? '(none)'}\``,
    }
  const declared = Number(req.headers['content-length'] ?? 0)
  if (o.maxBodyBytes !== undefined && declared > o.maxBodyBytes)
    return {status: 413, message: `request body of ${declared} bytes is over this server's limit of ${o.maxBodyBytes}`}
  return undefined
}

/** A refusal for serving beyond this machine without a key, or undefined when the host and key are fine. */
export function exposureError(host: string, apiKey: string | undefined): string | undefined {
  if (isLoopbackBind(host) || apiKey) return undefined
  return `--host ${host} makes the server reachable from other machines; give it --api-key KEY (clients send it as a Bearer token), or bind to 127.0.0.1`
}

/** The body past `limit` bytes. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body is over this server's limit of ${limit} bytes`)
  }
}

/** The request body as text; rejects with BodyTooLargeError as soon as it passes `limit` (the rest is drained). */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      req.off('data', onData)
      req.resume()
      reject(new BodyTooLargeError(limit))
    }
    req.on('data', onData)
    req.once('error', reject)
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
  })
}
