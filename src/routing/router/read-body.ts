import type {IncomingMessage} from 'node:http'
import {RouterError} from './client-errors.js'

/** The request body as a JSON object (and its text): 413 past the limit, 400 when it is not a JSON object. */
export async function readJsonBody(
  req: IncomingMessage,
  limit: number,
): Promise<{body: Record<string, unknown>; text: string; bytes: number}> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) {
    req.resume()
    throw new RouterError(413, `request body of ${declared} bytes is over the router's limit of ${limit} bytes`)
  }
  const {text, size} = await readAll(req, limit)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new RouterError(400, `request body is not valid JSON: ${(error as Error).message}`)
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new RouterError(400, 'request body must be a JSON object')
  return {body: data as Record<string, unknown>, text, bytes: size}
}

/** Reads the body with 'data' events (cheaper than an async iterator on every request). */
function readAll(req: IncomingMessage, limit: number): Promise<{text: string; size: number}> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      req.off('data', onData)
      req.resume()
      reject(new RouterError(413, `request body is over the router's limit of ${limit} bytes`))
    }
    req.on('data', onData)
    req.once('error', reject)
    req.once('end', () =>
      resolve({text: (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8'), size}),
    )
  })
}
