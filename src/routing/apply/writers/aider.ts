import {join} from 'node:path'
import {asRecord, clientKey, routerV1} from '../placeholder-key.js'
import type {ClientWriter, RoutedModel} from '../types.js'

// Aider reads ~/.aider.conf.yml (its CLI flags as YAML keys), model settings from a YAML list and context limits from
// a litellm-style metadata JSON (https://aider.chat/docs/config/adv-model-settings.html). Models behind an
// OpenAI-compatible base URL are named `openai/<model>`. The main model edits with search/replace blocks (`diff`);
// the weak model, used for commit messages and summaries, rewrites whole files, which small models get right more often.
const aiderName = (model: RoutedModel) => `openai/${model.name}`

function settingsEntry(model: RoutedModel, editFormat: 'diff' | 'whole', weak: RoutedModel) {
  return {
    name: aiderName(model),
    edit_format: editFormat,
    weak_model_name: aiderName(weak),
    use_repo_map: true,
    ...(model.maxOutputTokens !== undefined ? {extra_params: {max_tokens: model.maxOutputTokens}} : {}),
  }
}

/** litellm's fields: the prompt may use the context less the reply budget. */
function metadataEntry(model: RoutedModel) {
  const {contextLength: context, maxOutputTokens: reply} = model
  return {
    ...(context !== undefined ? {max_tokens: context, max_input_tokens: context - (reply ?? 0)} : {}),
    ...(reply !== undefined ? {max_output_tokens: reply} : {}),
    input_cost_per_token: 0,
    output_cost_per_token: 0,
    litellm_provider: 'openai',
    mode: 'chat',
  }
}

export const aiderWriter: ClientWriter = {
  id: 'aider',
  title: 'Aider',
  files: (ctx) => {
    const agent = ctx.models.agent
    const weak = ctx.models.fast ?? agent
    const settingsFile = join(ctx.home, '.aider.model.settings.yml')
    const metadataFile = join(ctx.home, '.aider.model.metadata.json')
    const ours = [settingsEntry(agent, 'diff', weak), ...(weak !== agent ? [settingsEntry(weak, 'whole', weak)] : [])]
    return [
      {
        path: join(ctx.home, '.aider.conf.yml'),
        format: 'yaml',
        mode: 0o600,
        merge: (existing) => ({
          ...asRecord(existing),
          model: aiderName(agent),
          'weak-model': aiderName(weak),
          'openai-api-base': routerV1(ctx),
          'openai-api-key': clientKey(ctx),
          'model-settings-file': settingsFile,
          'model-metadata-file': metadataFile,
        }),
      },
      {
        path: settingsFile,
        format: 'yaml',
        merge(existing) {
          const names = new Set(ours.map((e) => e.name))
          const kept = (Array.isArray(existing) ? existing : []).filter((e) => !names.has(asRecord(e).name as string))
          return [...kept, ...ours]
        },
      },
      {
        path: metadataFile,
        format: 'json',
        merge: (existing) => ({
          ...asRecord(existing),
          [aiderName(agent)]: metadataEntry(agent),
          [aiderName(weak)]: metadataEntry(weak),
        }),
      },
    ]
  },
}
