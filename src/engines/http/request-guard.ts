import type {IncomingMessage} from 'node:http'
import {SimHttpError} from './http-io.js'

// What a local engine server accepts (oac sim, oac serve). A page in the user's browser can reach 127.0.0.1:
// through DNS rebinding (its own name resolving to 127.0.0.1) or with a "simple" cross-site POST (text/plain, no
// preflight). So a server bound to loopback answers only requests addressed to a loopback name, every POST must
// say it is JSON (which a cross-site form cannot without a CORS preflight), and with --api-key every route but
// /health needs the key (Authorization: Bearer, or Anthropic's x-api-key).

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.')
}

/** Why a request is refused, or undefined when it may be served. */
export function guardRequest(req: IncomingMessage, o: {host: string; apiKey?: string | undefined}, path: string) {
  const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase()
  if (isLoopback(o.host) && !isLoopback(hostHeader))
    return new SimHttpError(403, `Host \`${hostHeader}\` is not allowed (this server answers loopback names only)`)
  if (req.method === 'POST' && !/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    return new SimHttpError(415, `Expected Content-Type application/json, got \`${req.headers['content-type'] ?? ''}\``)
  if (o.apiKey && path !== '/health') {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]
    if (bearer !== o.apiKey && req.headers['x-api-key'] !== o.apiKey)
      return new SimHttpError(401, 'Missing or wrong API key')
  }
  return undefined
}

/** A refusal for serving beyond this machine without a key, or undefined when the host and key are fine. */
export function exposureError(host: string, apiKey: string | undefined): string | undefined {
  if (isLoopback(host) || apiKey) return undefined
  return `--host ${host} makes the server reachable from other machines; give it --api-key KEY (clients send it as a Bearer token), or bind to 127.0.0.1`
}
