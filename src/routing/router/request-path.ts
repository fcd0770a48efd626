import type {RequestApi} from './request-record.js'
import type {ProxiedApi} from './upstream-request.js'

// Which API a request path is, read without building a URL on the hot path.

export const API_OF: Record<string, ProxiedApi> = {
  '/v1/chat/completions': 'chat',
  '/v1/messages': 'messages',
  '/v1/responses': 'responses',
  '/v1/embeddings': 'embeddings',
}

/** GET paths that are not API requests: answered without a log line or a metric sample. */
export const INFO_PATHS = new Set(['/health', '/metrics', '/v1/models', '/dashboard', '/dashboard/events'])

export const apiOfPath = (path: string): RequestApi =>
  API_OF[path] ?? (path === '/v1/messages/count_tokens' ? 'count_tokens' : 'other')

/** The request's path: read directly when it is a plain origin-form path (every client's), else through URL. */
export function requestPath(url = '/'): string {
  const query = url.indexOf('?')
  const path = query < 0 ? url : url.slice(0, query)
  if (path.startsWith('/') && !path.startsWith('//') && !/[%\\]|\/\.|#/.test(path)) return path
  return new URL(url, 'http://x').pathname
}
