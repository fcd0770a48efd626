import {join} from 'node:path'
import {asRecord, routerV1} from '../placeholder-key.js'
import type {ClientWriter} from '../types.js'

// oac's own agent: its user settings (~/.config/oac/settings.json) name the default endpoint and model, and the
// small model it uses for compaction and summaries.
export const oacAgentWriter: ClientWriter = {
  id: 'oac',
  title: 'oac agent',
  files: (ctx) => [
    {
      path: join(ctx.configHome, 'oac', 'settings.json'),
      format: 'json',
      mode: 0o600,
      merge: (existing) => ({
        ...asRecord(existing),
        endpoint: routerV1(ctx),
        model: ctx.models.agent.name,
        smallModel: (ctx.models.fast ?? ctx.models.agent).name,
      }),
    },
  ],
}
