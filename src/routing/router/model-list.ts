import type {IncomingMessage} from 'node:http'
import type {ChatMessage, ToolSpec} from '../../llm/types.js'
import {parseTarget, type RoutingConfig} from '../config.js'
import {RouterError} from './client-errors.js'
import {routableModels} from './pick-route.js'
import type {UpstreamPool} from './upstream-pool.js'
import {anthropicToChat, stripBillingHeader} from './wire/anthropic-to-chat.js'

// The router's own answers that need no upstream: the model list, in each client's shape, and Anthropic's
// count_tokens.

/**
 * The routable models in the client's API shape. Each carries its context where an upstream says it (the smallest,
 * for a model several serve; a route's name gets its target's), under vLLM's name `max_model_len`, which
 * `oac route apply` and other clients read.
 */
export function modelList(config: RoutingConfig, pool: UpstreamPool, req: IncomingMessage): unknown {
  const ids = routableModels(config)
  const contextOf = (id: string) => {
    const route = config.routes.find((r) => r.match.model === id)
    return pool.contextOf(route ? parseTarget(route.to, config.upstreams).model : id)
  }
  const context = (id: string) => {
    const n = contextOf(id)
    return n === undefined ? {} : {max_model_len: n}
  }
  // Anthropic clients list models with their own shape.
  if (req.headers['anthropic-version'])
    return {
      data: ids.map((id) => ({
        type: 'model',
        id,
        display_name: id,
        created_at: '2026-01-01T00:00:00Z',
        ...context(id),
      })),
      has_more: false,
      first_id: ids[0] ?? null,
      last_id: ids[ids.length - 1] ?? null,
    }
  return {
    object: 'list',
    data: ids.map((id) => ({id, object: 'model', created: 0, owned_by: 'oac-router', ...context(id)})),
  }
}

/**
 * Anthropic count_tokens, counted on the translated chat prompt the way `oac sim` counts usage. The tokenizer's
 * tables (~40 MB resident) load on the first such request, not with the router.
 */
export async function countAnthropicTokens(body: Record<string, unknown>): Promise<number> {
  if (!Array.isArray(body.messages)) throw new RouterError(400, 'messages: field required (an array)')
  stripBillingHeader(body)
  const chat = anthropicToChat(body, String(body.model ?? ''))
  const {countPromptTokens} = await import('../../llm/prompt-tokens.js')
  return countPromptTokens(chat.messages as ChatMessage[], (chat.tools as ToolSpec[] | undefined) ?? [])
}
