import {timingSafeEqual} from 'node:crypto'
import type {IncomingHttpHeaders} from 'node:http'

// API keys: `Authorization: Bearer KEY` (OpenAI clients) or `x-api-key: KEY` (Anthropic clients), compared in
// constant time. Keys are never logged.

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]
  const key = headers['x-api-key']
  return bearer ?? (typeof key === 'string' ? key : undefined)
}

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
