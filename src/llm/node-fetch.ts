import http from 'node:http'
import https from 'node:https'
import {Readable} from 'node:stream'

// A fetch for the openai SDK over node:http with keep-alive agents. Node's built-in fetch (undici) adds 2–4 ms per
// request on small machines before the request leaves, which is larger than the TTFT precision a benchmark needs;
// node:http adds well under 1 ms.

const agents = {
  'http:': new http.Agent({keepAlive: true, maxSockets: 1024}),
  'https:': new https.Agent({keepAlive: true, maxSockets: 1024}),
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  new Headers(init?.headers).forEach((value, key) => {
    out[key] = value
  })
  return out
}

async function bodyOf(body: RequestInit['body']): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string') return Buffer.from(body)
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return Buffer.from(body as ArrayBuffer)
  return Buffer.from(await new Response(body).arrayBuffer())
}

/**
 * Passed through the SDK's fetchOptions: filled with the moment the request is handed to the socket, as vLLM's
 * benchmark starts its clock just before `session.post`. Not the socket's 'finish' event: that event runs when the
 * client's event loop gets to it, which under load can be after the server has already started its reply, and a
 * late start makes TTFT read shorter than what the server took.
 */
export interface WireTiming {
  sentAt?: number
}

/** fetch(url, init) with node:http; honours init.signal (abort before or during the response). */
export async function nodeFetch(
  input: string | URL | Request,
  init?: RequestInit & {oacWire?: WireTiming},
): Promise<Response> {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
  const body = await bodyOf(init?.body)
  const signal = init?.signal ?? undefined
  signal?.throwIfAborted()
  const lib = url.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const headers = headersOf(init)
    if (body) headers['content-length'] = String(body.length)
    const req = lib.request(
      url,
      {method: init?.method ?? 'GET', headers, agent: agents[url.protocol as 'http:' | 'https:'], signal},
      (res) => {
        const responseHeaders = new Headers()
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) responseHeaders.set(k, Array.isArray(v) ? v.join(', ') : v)
        const status = res.statusCode ?? 500
        const noBody = status === 204 || status === 304 || init?.method === 'HEAD'
        resolve(
          new Response(noBody ? null : (Readable.toWeb(res) as ReadableStream), {
            status,
            statusText: res.statusMessage ?? '',
            headers: responseHeaders,
          }),
        )
      },
    )
    req.on('error', reject)
    if (init?.oacWire) init.oacWire.sentAt = performance.now()
    req.end(body)
  })
}
