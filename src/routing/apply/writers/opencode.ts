import {join} from 'node:path'
import {asRecord, clientKey, routerV1} from '../placeholder-key.js'
import type {ClientWriter, RoutedModel} from '../types.js'

// OpenCode's global config (https://opencode.ai/docs/config/): a custom provider through the AI SDK's
// OpenAI-compatible package, each model with its context and output limits and tool calling on, and the
// default `model` / `small_model` as "provider/model".
function modelEntry(model: RoutedModel) {
  const limit =
    model.contextLength !== undefined && model.maxOutputTokens !== undefined
      ? {limit: {context: model.contextLength, output: model.maxOutputTokens}}
      : {}
  return {name: model.name, tool_call: true, ...limit}
}

export const opencodeWriter: ClientWriter = {
  id: 'opencode',
  title: 'OpenCode',
  files: (ctx) => [
    {
      path: join(ctx.configHome, 'opencode', 'opencode.json'),
      format: 'json',
      mode: 0o600,
      merge(existing) {
        const config = asRecord(existing)
        const chatModels = [ctx.models.agent, ctx.models.fast, ctx.models.longContext].filter(
          (m): m is RoutedModel => m !== undefined,
        )
        const models = Object.fromEntries(chatModels.map((m) => [m.name, modelEntry(m)]))
        const provider = {
          npm: '@ai-sdk/openai-compatible',
          name: 'oac router',
          options: {baseURL: routerV1(ctx), apiKey: clientKey(ctx)},
          models,
        }
        return {
          $schema: 'https://opencode.ai/config.json',
          ...config,
          provider: {...asRecord(config.provider), oac: provider},
          model: `oac/${ctx.models.agent.name}`,
          small_model: `oac/${(ctx.models.fast ?? ctx.models.agent).name}`,
          // An offline box: no self-update, no sharing links to opencode.ai.
          autoupdate: false,
          share: 'disabled',
        }
      },
    },
  ],
}
