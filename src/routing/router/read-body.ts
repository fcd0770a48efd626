import type {IncomingMessage} from 'node:http'
import {RouterError} from './client-errors.js'

/** The request body as a JSON object: 413 past the limit, 400 when it is not a JSON object. */
export async function readJsonBody(
  req: IncomingMessage,
  limit: number,
): Promise<{body: Record<string, unknown>; bytes: number}> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) {
    req.resume()
    throw new RouterError(413, `request body of ${declared} bytes is over the router's limit of ${limit} bytes`)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new RouterError(413, `request body is over the router's limit of ${limit} bytes`)
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new RouterError(400, `request body is not valid JSON: ${(error as Error).message}`)
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new RouterError(400, 'request body must be a JSON object')
  return {body: data as Record<string, unknown>, bytes: size}
}
