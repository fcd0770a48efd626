import {join} from 'node:path'
import {asRecord, clientKey, routerV1} from '../placeholder-key.js'
import type {ClientWriter, RoutedModel} from '../types.js'

/** The variable Qwen Code reads the router's key from (`envKey`); its settings' `env` section sets it. */
export const qwenKeyVariable = 'OAC_ROUTER_API_KEY'

/**
 * The context Qwen Code compacts against and the reply it asks for. Without them it assumes a context by the
 * model's name and asks for up to 8,000 tokens whatever the engine serves (its `tokenLimit` and
 * CAPPED_DEFAULT_MAX_TOKENS); `samplingParams.max_tokens` replaces that default, `contextWindowSize` the assumed
 * context (both read from a provider model's `generationConfig`, Qwen Code 0.15).
 */
function generationConfig(m: RoutedModel) {
  if (m.contextLength === undefined) return {}
  return {
    generationConfig: {
      contextWindowSize: m.contextLength,
      ...(m.maxOutputTokens !== undefined ? {samplingParams: {max_tokens: m.maxOutputTokens}} : {}),
    },
  }
}

// Qwen Code's ~/.qwen/settings.json (https://qwenlm.github.io/qwen-code-docs/en/users/configuration/settings):
// OpenAI-compatible models under `modelProviders.openai`, each with the variable that holds its key, the default
// `model.name`, and the auth type selected so a headless run does not stop at the login prompt.
export const qwenCodeWriter: ClientWriter = {
  id: 'qwen-code',
  title: 'Qwen Code',
  files: (ctx) => [
    {
      path: join(ctx.home, '.qwen', 'settings.json'),
      format: 'json',
      mode: 0o600,
      merge(existing) {
        const settings = asRecord(existing)
        const models = [ctx.models.agent, ctx.models.fast].filter((m): m is RoutedModel => m !== undefined)
        const ours = models.map((m) => ({
          id: m.name,
          name: `${m.name} (oac router)`,
          baseUrl: routerV1(ctx),
          envKey: qwenKeyVariable,
          ...generationConfig(m),
        }))
        const providers = asRecord(settings.modelProviders)
        const ids = new Set(ours.map((m) => m.id))
        const kept = (Array.isArray(providers.openai) ? providers.openai : []).filter(
          (m) => !ids.has(asRecord(m).id as string),
        )
        const security = asRecord(settings.security)
        return {
          ...settings,
          env: {...asRecord(settings.env), [qwenKeyVariable]: clientKey(ctx)},
          modelProviders: {...providers, openai: [...ours, ...kept]},
          model: {...asRecord(settings.model), name: ctx.models.agent.name},
          security: {...security, auth: {...asRecord(security.auth), selectedType: 'openai'}},
        }
      },
    },
  ],
}
