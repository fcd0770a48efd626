import {join} from 'node:path'
import {asRecord, routerV1} from '../placeholder-key.js'
import type {ClientWriter} from '../types.js'

/** The environment variable Codex reads the router's key from (`env_key`); set only when the router needs one. */
export const codexKeyVariable = 'OAC_ROUTER_API_KEY'

// Codex reads model providers only from ~/.codex/config.toml (not from a project's .codex/), speaks only the
// Responses API (`wire_api = "responses"`, the one value current releases accept) and appends /responses to
// base_url. https://developers.openai.com/codex/config-advanced. Profiles moved to ~/.codex/<name>.config.toml in
// 0.134, so oac also writes `oac.config.toml` for `codex --profile oac`.
export const codexWriter: ClientWriter = {
  id: 'codex',
  title: 'Codex',
  files: (ctx) => {
    const provider = {
      name: 'oac router',
      base_url: routerV1(ctx),
      wire_api: 'responses',
      ...(ctx.apiKey !== undefined ? {env_key: codexKeyVariable} : {}),
    }
    // Codex asks for no reply budget, so its context window and when it compacts (leaving the reply its budget) are
    // what keep its requests inside the engine's context.
    const {contextLength: window, maxOutputTokens: reply} = ctx.models.agent
    const modelKeys = {
      model: ctx.models.agent.name,
      model_provider: 'oac',
      ...(window !== undefined ? {model_context_window: window} : {}),
      ...(window !== undefined && reply !== undefined ? {model_auto_compact_token_limit: window - reply} : {}),
    }
    return [
      {
        path: join(ctx.home, '.codex', 'config.toml'),
        format: 'toml',
        merge(existing) {
          const config = asRecord(existing)
          return {...config, ...modelKeys, model_providers: {...asRecord(config.model_providers), oac: provider}}
        },
      },
      {
        path: join(ctx.home, '.codex', 'oac.config.toml'),
        format: 'toml',
        merge: (existing) => ({...asRecord(existing), ...modelKeys}),
      },
    ]
  },
}
