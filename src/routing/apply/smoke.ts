import {LlmClient} from '../../llm/client.js'
import type {ClientId, RoutedModels} from './types.js'

// After the configs are written, one small request per path through the router, in the API each client speaks:
// Claude Code → Anthropic Messages, Codex → Responses, the others → Chat Completions; plus embeddings when routed.

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

async function postJson(url: string, body: unknown, key: string, timeoutMs: number): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {'content-type': 'application/json', authorization: `Bearer ${key}`, 'x-api-key': key},
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}: ${text.slice(0, 300)}`)
}

async function once(api: SmokeApi, routerUrl: string, model: string, key: string, timeoutMs: number): Promise<void> {
  const root = routerUrl.replace(/\/+$/, '')
  const client = new LlmClient(`${root}/v1`, {apiKey: key, timeoutMs})
  if (api === 'embeddings') return void (await client.embed(model, ['ping']))
  if (api === 'chat')
    return void (await client.chatOnce({model, messages: [{role: 'user', content: 'Say OK.'}], maxTokens: 8}))
  if (api === 'messages')
    return postJson(
      `${root}/v1/messages`,
      {model, max_tokens: 8, messages: [{role: 'user', content: 'Say OK.'}]},
      key,
      timeoutMs,
    )
  return postJson(`${root}/v1/responses`, {model, input: 'Say OK.', max_output_tokens: 16}, key, timeoutMs)
}

/** One request per distinct (API, model) the chosen clients will send; never throws. */
export async function smokeRouter(
  routerUrl: string,
  key: string,
  clients: readonly ClientId[],
  models: RoutedModels,
  timeoutMs = 60_000,
): Promise<SmokeResult[]> {
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
      await once(api, routerUrl, model, key, timeoutMs)
      results.push({api, model, ok: true, ms: performance.now() - start})
    } catch (error) {
      results.push({api, model, ok: false, ms: performance.now() - start, error: (error as Error).message})
    }
  }
  return results
}
