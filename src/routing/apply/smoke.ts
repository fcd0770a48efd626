import type {ClientId, RoutedModels} from './types.js'

// After the configs are written, one small request per path through the router, in the API each client speaks:
// Claude Code → Anthropic Messages, Codex → Responses, the others → Chat Completions; plus embeddings when routed.
// A failure says which request, to where, and what came back (or why nothing did), in words a person can act on.

export type SmokeApi = 'messages' | 'responses' | 'chat' | 'embeddings'

export const apiOfClient: Record<ClientId, SmokeApi> = {
  'claude-code': 'messages',
  codex: 'responses',
  opencode: 'chat',
  aider: 'chat',
  continue: 'chat',
  'qwen-code': 'chat',
  oac: 'chat',
}

export interface SmokeResult {
  api: SmokeApi
  model: string
  ok: boolean
  ms: number
  error?: string
}

/** Each API's path, a minimal request, and the field a well-formed reply has. */
const REQUEST: Record<SmokeApi, {path: string; body: (model: string) => unknown; replyHas: string}> = {
  messages: {
    path: '/v1/messages',
    body: (model) => ({model, max_tokens: 8, messages: [{role: 'user', content: 'Say OK.'}]}),
    replyHas: 'content',
  },
  responses: {
    path: '/v1/responses',
    body: (model) => ({model, input: 'Say OK.', max_output_tokens: 16}),
    replyHas: 'output',
  },
  chat: {
    path: '/v1/chat/completions',
    body: (model) => ({model, max_tokens: 8, messages: [{role: 'user', content: 'Say OK.'}]}),
    replyHas: 'choices',
  },
  embeddings: {path: '/v1/embeddings', body: (model) => ({model, input: ['ping']}), replyHas: 'data'},
}

/** The error message inside an OpenAI- or Anthropic-shaped error body, or the start of the text. */
function errorText(text: string): string {
  try {
    const data = JSON.parse(text) as {error?: {message?: string} | string}
    const message = typeof data.error === 'string' ? data.error : data.error?.message
    if (message) return message
  } catch {}
  return text.slice(0, 300)
}

/** Why a request got no answer, from fetch's error and its cause (the socket error code). */
export function whyNoAnswer(url: string, error: Error, timeoutMs: number): string {
  if (error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`
  const cause = (error as Error & {cause?: {code?: string; message?: string}}).cause
  if (cause?.code === 'ECONNREFUSED')
    return `connection refused (ECONNREFUSED): nothing listens at ${new URL(url).origin}; is the router running?`
  if (cause?.code) return `${cause.message ?? cause.code} (${cause.code})`
  return cause?.message ?? error.message
}

async function once(api: SmokeApi, root: string, model: string, key: string, timeoutMs: number): Promise<void> {
  const {path, body, replyHas} = REQUEST[api]
  const url = `${root}${path}`
  let response: Response
  let text: string
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {'content-type': 'application/json', authorization: `Bearer ${key}`, 'x-api-key': key},
      body: JSON.stringify(body(model)),
      signal: AbortSignal.timeout(timeoutMs),
    })
    text = await response.text()
  } catch (error) {
    throw new Error(`POST ${url}: ${whyNoAnswer(url, error as Error, timeoutMs)}`)
  }
  if (!response.ok) throw new Error(`POST ${url}: HTTP ${response.status}: ${errorText(text)}`)
  let reply: unknown
  try {
    reply = JSON.parse(text)
  } catch {
    throw new Error(`POST ${url}: the reply is not JSON: ${text.slice(0, 200)}`)
  }
  if (!reply || typeof reply !== 'object' || !(replyHas in reply))
    throw new Error(`POST ${url}: the reply has no \`${replyHas}\`: ${text.slice(0, 200)}`)
}

/** One request per distinct (API, model) the chosen clients will send; never throws. */
export async function smokeRouter(
  routerUrl: string,
  key: string,
  clients: readonly ClientId[],
  models: RoutedModels,
  timeoutMs = 60_000,
): Promise<SmokeResult[]> {
  const root = routerUrl.replace(/\/+$/, '')
  const paths = new Map<string, {api: SmokeApi; model: string}>()
  for (const client of clients) {
    const api = apiOfClient[client]
    paths.set(`${api} ${models.agent.name}`, {api, model: models.agent.name})
  }
  if (models.embeddings) paths.set('embeddings', {api: 'embeddings', model: models.embeddings.name})
  const results: SmokeResult[] = []
  for (const {api, model} of paths.values()) {
    const start = performance.now()
    try {
      await once(api, root, model, key, timeoutMs)
      results.push({api, model, ok: true, ms: performance.now() - start})
    } catch (error) {
      results.push({api, model, ok: false, ms: performance.now() - start, error: (error as Error).message})
    }
  }
  return results
}
