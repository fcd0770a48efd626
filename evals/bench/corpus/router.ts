// src/http/router.ts
//
// A small path router for the tally API. We deliberately avoid pulling in a
// framework: the API has ~40 routes, and node:http plus this file covers what
// we need (params, method matching, middleware, 404/405).
//
// Patterns look like `/invoices/:id/lines/:lineId`. A trailing `*` segment
// captures the rest of the path into `params.wildcard`.

import type {IncomingMessage, ServerResponse} from 'node:http'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS'

export interface RequestContext {
  req: IncomingMessage
  res: ServerResponse
  method: Method
  path: string
  params: Record<string, string>
  query: URLSearchParams
  /** Free-form bag that middleware can write to (e.g. `state.user`). */
  state: Record<string, unknown>
}

export type Handler = (ctx: RequestContext) => Promise<void> | void
export type Middleware = (ctx: RequestContext, next: () => Promise<void>) => Promise<void>

interface Segment {
  kind: 'static' | 'param' | 'wildcard'
  value: string
}

interface Route {
  method: Method
  pattern: string
  segments: Segment[]
  handler: Handler
  middleware: Middleware[]
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

function parsePattern(pattern: string): Segment[] {
  if (!pattern.startsWith('/')) throw new Error(`Route pattern must start with "/": ${pattern}`)
  const parts = pattern.split('/').filter(Boolean)
  return parts.map((part, i) => {
    if (part === '*') {
      if (i !== parts.length - 1) throw new Error(`"*" must be the last segment: ${pattern}`)
      return {kind: 'wildcard', value: 'wildcard'}
    }
    if (part.startsWith(':')) {
      const name = part.slice(1)
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Bad param name "${name}" in ${pattern}`)
      return {kind: 'param', value: name}
    }
    return {kind: 'static', value: part}
  })
}

/**
 * Match `path` against a route's segments. Returns the captured params, or
 * null when the path does not match.
 */
function matchSegments(segments: Segment[], path: string): Record<string, string> | null {
  const parts = path.split('/').filter(Boolean)
  const params: Record<string, string> = {}
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]
    if (seg.kind === 'wildcard') {
      params.wildcard = parts.slice(i).join('/')
      return params
    }
    const part = parts[i]
    if (part === undefined) return null
    if (seg.kind === 'static') {
      if (seg.value !== part) return null
    } else {
      try {
        params[seg.value] = decodeURIComponent(part)
      } catch {
        throw new HttpError(400, `Malformed path segment: ${part}`)
      }
    }
  }
  return parts.length === segments.length ? params : null
}

/** Static segments beat params, params beat wildcards; longer beats shorter. */
function specificity(route: Route): number {
  let score = 0
  for (const seg of route.segments) {
    score *= 3
    score += seg.kind === 'static' ? 2 : seg.kind === 'param' ? 1 : 0
  }
  return score * 100 + route.segments.length
}

export class Router {
  private routes: Route[] = []
  private global: Middleware[] = []
  private sorted = true

  use(mw: Middleware): this {
    this.global.push(mw)
    return this
  }

  add(method: Method, pattern: string, handler: Handler, ...middleware: Middleware[]): this {
    this.routes.push({method, pattern, segments: parsePattern(pattern), handler, middleware})
    this.sorted = false
    return this
  }

  get(pattern: string, handler: Handler, ...mw: Middleware[]) {
    return this.add('GET', pattern, handler, ...mw)
  }
  post(pattern: string, handler: Handler, ...mw: Middleware[]) {
    return this.add('POST', pattern, handler, ...mw)
  }
  put(pattern: string, handler: Handler, ...mw: Middleware[]) {
    return this.add('PUT', pattern, handler, ...mw)
  }
  patch(pattern: string, handler: Handler, ...mw: Middleware[]) {
    return this.add('PATCH', pattern, handler, ...mw)
  }
  delete(pattern: string, handler: Handler, ...mw: Middleware[]) {
    return this.add('DELETE', pattern, handler, ...mw)
  }

  /** Mount another router's routes under `prefix` (e.g. `/v1`). */
  mount(prefix: string, child: Router): this {
    const clean = prefix.replace(/\/+$/, '')
    for (const r of child.routes) {
      const mw = [...child.global, ...r.middleware]
      this.add(r.method, clean + r.pattern, r.handler, ...mw)
    }
    return this
  }

  private ensureSorted() {
    if (this.sorted) return
    this.routes.sort((a, b) => specificity(b) - specificity(a))
    this.sorted = true
  }

  /** Find the route for a method + path. Exposed for tests. */
  resolve(method: Method, path: string): {route: Route; params: Record<string, string>} | {allowed: Method[]} {
    this.ensureSorted()
    const allowed = new Set<Method>()
    for (const route of this.routes) {
      const params = matchSegments(route.segments, path)
      if (!params) continue
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return {route, params}
      allowed.add(route.method)
    }
    return {allowed: [...allowed]}
  }

  /** A `node:http` request listener. */
  listener() {
    return (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch((err) => {
        // Last resort: handle() already turns errors into responses, so this
        // only fires if writing the error response itself failed.
        console.error('router: unhandled error', err)
        if (!res.headersSent) res.writeHead(500)
        res.end()
      })
    }
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase() as Method
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const path = url
    const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1))

    const ctx: RequestContext = {req, res, method, path, params: {}, query, state: {}}

    try {
      const found = this.resolve(method, path)
      if ('allowed' in found) {
        if (found.allowed.length === 0) throw new HttpError(404, `No route for ${method} ${path}`)
        if (method === 'OPTIONS') {
          res.writeHead(204, {Allow: [...found.allowed, 'OPTIONS'].join(', ')})
          res.end()
          return
        }
        throw new HttpError(405, `Method ${method} not allowed`, {Allow: found.allowed.join(', ')})
      }
      ctx.params = found.params
      const chain = [...this.global, ...found.route.middleware]
      await compose(chain, found.route.handler)(ctx)
    } catch (err) {
      sendError(res, err)
    }
  }
}

/** Koa-style composition: each middleware gets a `next` that runs the rest. */
export function compose(middleware: Middleware[], handler: Handler): (ctx: RequestContext) => Promise<void> {
  return (ctx) => {
    let index = -1
    const dispatch = async (i: number): Promise<void> => {
      if (i <= index) throw new Error('next() called multiple times')
      index = i
      if (i === middleware.length) {
        await handler(ctx)
        return
      }
      await middleware[i](ctx, () => dispatch(i + 1))
    }
    return dispatch(0)
  }
}

function sendError(res: ServerResponse, err: unknown) {
  const status = err instanceof HttpError ? err.status : 500
  const message = err instanceof HttpError ? err.message : 'Internal Server Error'
  if (status >= 500) console.error('router: request failed', err)
  if (res.headersSent) {
    res.end()
    return
  }
  const body = JSON.stringify({error: {status, message}})
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...(err instanceof HttpError ? err.headers : {}),
  })
  res.end(body)
}

/** Helpers used by handlers. */
export function json(ctx: RequestContext, status: number, data: unknown) {
  const body = JSON.stringify(data)
  ctx.res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  })
  ctx.res.end(ctx.method === 'HEAD' ? undefined : body)
}

export async function readJson<T = unknown>(ctx: RequestContext, limit = 1 << 20): Promise<T> {
  const type = ctx.req.headers['content-type'] ?? ''
  if (!type.startsWith('application/json')) throw new HttpError(415, 'Expected application/json')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new HttpError(413, `Body larger than ${limit} bytes`)
    chunks.push(chunk as Buffer)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T
  } catch {
    throw new HttpError(400, 'Malformed JSON body')
  }
}
