import type {IncomingMessage, ServerResponse} from 'node:http'

/** An error the sim answers with an HTTP status; each API renders it in its own error shape. */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type = status === 400 ? 'BadRequestError' : status === 404 ? 'NotFoundError' : 'InternalServerError',
    /** Extra response headers (`retry-after` on a 503 while a model loads). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

const MAX_BODY = 64 * 1024 * 1024

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new SimHttpError(413, 'request body over 64 MiB')
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (!text) return {}
  try {
    const data = JSON.parse(text)
    if (data && typeof data === 'object' && !Array.isArray(data)) return data
  } catch {}
  throw new SimHttpError(400, 'request body is not a JSON object')
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text)})
  res.end(text)
}

export function startSse(res: ServerResponse): void {
  res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive'})
  res.flushHeaders()
}

export function sseData(res: ServerResponse, data: unknown, event?: string): void {
  res.write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`)
}

/**
 * Drops the connection mid-reply, as a crashing engine does: what was already written goes out first (Node holds
 * a tick's writes back until the next tick), then the socket closes without finishing the chunked body.
 */
export function cutReply(res: ServerResponse): void {
  res.socket?.uncork()
  res.destroy()
}
