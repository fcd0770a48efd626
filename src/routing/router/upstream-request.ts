import type {IncomingMessage} from 'node:http'
import type {RouterSettings, UpstreamApi} from '../config.js'
import {anthropicToChat} from './wire/anthropic-to-chat.js'
import {responsesToChat} from './wire/responses-to-chat.js'

// The request as one upstream gets it: the client's own bytes when nothing changes (the hot path: no
// re-serialising), else the client's body with the upstream's model id and a lowered reply budget, or the body
// translated to Chat Completions.

/** The APIs the router proxies: the client APIs an upstream may speak, and embeddings (always passed through). */
export type ProxiedApi = UpstreamApi | 'embeddings'

/** The field holding the reply budget of a request the upstream gets in the client's API. */
function budgetField(api: ProxiedApi, body: Record<string, unknown>): string | undefined {
  if (api === 'embeddings') return undefined
  if (api === 'responses') return 'max_output_tokens'
  return api === 'chat' && body.max_completion_tokens !== undefined ? 'max_completion_tokens' : 'max_tokens'
}

/** The reply budget the client asked for (max_tokens, max_completion_tokens or max_output_tokens), if any. */
export function requestedTokens(api: ProxiedApi, body: Record<string, unknown>): number | undefined {
  const field = budgetField(api, body)
  const value = field ? body[field] : undefined
  return typeof value === 'number' ? value : undefined
}

/**
 * The body for the upstream. `raw` is the client's text (undefined when the router changed the body), `maxTokens`
 * a lowered reply budget (context-fit.ts), `native` whether the upstream speaks the client's API.
 */
export function upstreamBody(
  api: ProxiedApi,
  native: boolean,
  body: Record<string, unknown>,
  model: string,
  raw: string | undefined,
  settings: RouterSettings,
  maxTokens: number | undefined,
): string {
  if (native) {
    if (maxTokens === undefined)
      return body.model === model && raw !== undefined ? raw : JSON.stringify({...body, model})
    return JSON.stringify({...body, model, [budgetField(api, body) as string]: maxTokens})
  }
  const mode = settings.systemMessages
  const chat = api === 'messages' ? anthropicToChat(body, model, mode) : responsesToChat(body, model, mode)
  if (maxTokens !== undefined) chat.max_tokens = maxTokens
  return JSON.stringify(chat)
}

/** Headers worth passing to an upstream that speaks the client's API natively. */
export function forwardHeaders(req: IncomingMessage): Record<string, string> | undefined {
  const version = req.headers['anthropic-version']
  const beta = req.headers['anthropic-beta']
  if (typeof version !== 'string' && typeof beta !== 'string') return undefined
  const out: Record<string, string> = {}
  if (typeof version === 'string') out['anthropic-version'] = version
  if (typeof beta === 'string') out['anthropic-beta'] = beta
  return out
}
