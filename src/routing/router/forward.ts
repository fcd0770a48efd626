import {Agent, type ClientRequest, type IncomingMessage, request} from 'node:http'
import {request as requestTls, Agent as TlsAgent} from 'node:https'
import {openAiBaseUrl} from '../../llm/endpoint.js'
import type {RouterSettings} from '../config.js'
import {busyFor} from './busy.js'
import {authHeaders} from './upstream-auth.js'
import type {Upstream} from './upstream-pool.js'

// One attempt at one upstream: wait for a slot, send, and wait for the first byte of the reply. A connection
// error, a 5xx or no first byte in time is an `AttemptFailure` (the caller tries the next candidate); anything
// else is the upstream's answer, which the caller streams on and must `release`.

const agent = new Agent({keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, maxFreeSockets: 256})
const tlsAgent = new TlsAgent({keepAlive: true, maxFreeSockets: 256})

export class AttemptFailure extends Error {
  constructor(
    readonly upstream: string,
    readonly reason: string,
    readonly kind: 'connect' | 'status' | 'timeout',
    /** Set when the upstream answered 503 and said when to come back (busy.ts): a wait, not a failure. */
    readonly busyMs?: number,
  ) {
    super(`${upstream}: ${reason}`)
  }
}

export interface UpstreamReply {
  status: number
  contentType: string
  body: IncomingMessage
  /** Ends the attempt: frees the upstream's slot (idempotent). */
  release(): void
}

interface UpstreamTarget {
  tls: boolean
  hostname: string
  port: number
  /** The base URL's path without its trailing `/v1` (the request path brings its own). */
  prefix: string
}

// Parsed once per upstream config (a reload brings new config objects), not once per request.
const targets = new WeakMap<Upstream['config'], UpstreamTarget>()

function upstreamTarget(upstream: Upstream): UpstreamTarget {
  let target = targets.get(upstream.config)
  if (!target) {
    const url = new URL(openAiBaseUrl(upstream.config.url))
    const tls = url.protocol === 'https:'
    target = {
      tls,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(url.port) || (tls ? 443 : 80),
      prefix: url.pathname.replace(/\/v1$/, ''),
    }
    targets.set(upstream.config, target)
  }
  return target
}

export async function attempt(
  upstream: Upstream,
  path: string,
  body: string,
  settings: RouterSettings,
  signal: AbortSignal,
  extraHeaders: Record<string, string> | undefined,
): Promise<UpstreamReply> {
  await upstream.acquire(signal)
  const target = upstreamTarget(upstream)
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...authHeaders(upstream.config),
  }
  if (extraHeaders) Object.assign(headers, extraHeaders)
  let req: ClientRequest | undefined
  // The client going away ends the upstream request too (no orphan generation); the listener goes with the attempt.
  const onAbort = () => req?.destroy(new Error('client went away'))
  signal.addEventListener('abort', onAbort, {once: true})
  let released = false
  const release = () => {
    if (released) return
    released = true
    signal.removeEventListener('abort', onAbort)
    upstream.release()
  }
  try {
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const sent = (target.tls ? requestTls : request)({
        method: 'POST',
        hostname: target.hostname,
        port: target.port,
        path: target.prefix + path,
        agent: target.tls ? tlsAgent : agent,
        headers,
      })
      req = sent
      const timer = setTimeout(() => {
        sent.destroy(
          new AttemptFailure(upstream.name, `no first byte within ${settings.firstByteTimeoutMs} ms`, 'timeout'),
        )
      }, settings.firstByteTimeoutMs)
      sent.on('response', (res) => {
        const status = res.statusCode ?? 502
        if (status >= 500) {
          clearTimeout(timer)
          return readText(res).then((text) =>
            reject(
              new AttemptFailure(
                upstream.name,
                `HTTP ${status}: ${errorMessage(text)}`,
                'status',
                busyFor(status, res.headers['retry-after'], text),
              ),
            ),
          )
        }
        // The first byte of the body (or its end) is what commits the reply to the client.
        res.once('readable', () => {
          clearTimeout(timer)
          resolve(res)
        })
        // Broken before its first body byte: nothing reached the client, so the next candidate may answer.
        res.once('error', (error) =>
          reject(
            new AttemptFailure(upstream.name, `connection broke before the first byte (${error.message})`, 'connect'),
          ),
        )
      })
      sent.on('error', (error) => {
        clearTimeout(timer)
        reject(
          error instanceof AttemptFailure || signal.aborted
            ? error
            : new AttemptFailure(upstream.name, connectReason(error), 'connect'),
        )
      })
      if (signal.aborted) sent.destroy(new Error('client went away'))
      sent.end(body)
    })
    res.once('close', release)
    return {status: res.statusCode ?? 502, contentType: String(res.headers['content-type'] ?? ''), body: res, release}
  } catch (error) {
    release()
    throw error
  }
}

function connectReason(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code
  return code ? `${code} ${error.message.replace(code, '').trim()}`.trim() : error.message
}

export async function readText(res: IncomingMessage, limit = 1 << 20): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of res) {
    size += (chunk as Buffer).length
    if (size <= limit) chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The message inside an upstream's JSON error (OpenAI or Anthropic shape), or the text itself. */
export function errorMessage(text: string): string {
  try {
    const data = JSON.parse(text) as {error?: {message?: string} | string; message?: string; detail?: string}
    if (typeof data.error === 'string') return data.error
    return data.error?.message ?? data.message ?? data.detail ?? text.slice(0, 300)
  } catch {
    return text.slice(0, 300)
  }
}
