import {join} from 'node:path'
import {asRecord, clientKey, routerV1} from '../placeholder-key.js'
import type {ApplyContext, ClientWriter, RoutedModel} from '../types.js'

// Continue's config.yaml (https://docs.continue.dev/reference): models with roles. The agent model chats, edits and
// applies; the fast model completes as you type; the embedding model serves `embed`. Entries oac wrote before (same
// apiBase) are replaced, the user's own models are kept.
function entry(ctx: ApplyContext, model: RoutedModel, roles: string[]) {
  return {
    name: `${model.name} (oac)`,
    provider: 'openai',
    model: model.name,
    apiBase: routerV1(ctx),
    apiKey: clientKey(ctx),
    roles,
    ...(model.contextLength !== undefined
      ? {
          defaultCompletionOptions: {
            contextLength: model.contextLength,
            ...(model.maxOutputTokens !== undefined ? {maxTokens: model.maxOutputTokens} : {}),
          },
        }
      : {}),
  }
}

export const continueWriter: ClientWriter = {
  id: 'continue',
  title: 'Continue',
  files: (ctx) => [
    {
      path: join(ctx.home, '.continue', 'config.yaml'),
      format: 'yaml',
      mode: 0o600,
      merge(existing) {
        const config = asRecord(existing)
        const {agent, fast, embeddings} = ctx.models
        const ours = [
          entry(ctx, agent, fast ? ['chat', 'edit', 'apply'] : ['chat', 'edit', 'apply', 'autocomplete']),
          ...(fast ? [entry(ctx, fast, ['autocomplete', 'summarize'])] : []),
          ...(embeddings ? [entry(ctx, embeddings, ['embed'])] : []),
        ]
        const kept = (Array.isArray(config.models) ? config.models : []).filter(
          (m) => asRecord(m).apiBase !== routerV1(ctx),
        )
        return {name: 'Local (oac)', version: '1.0.0', schema: 'v1', ...config, models: [...kept, ...ours]}
      },
    },
  ],
}
