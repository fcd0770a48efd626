import {join} from 'node:path'
import {asRecord, clientKey} from '../placeholder-key.js'
import type {ClientWriter} from '../types.js'

// Claude Code reads `env` from ~/.claude/settings.json at start. Variable names from Anthropic's settings docs
// (https://docs.anthropic.com/en/docs/claude-code/settings#environment-variables): the base URL without /v1 (it
// appends /v1/messages), a bearer token, the main model and the small/fast model it uses for titles and summaries.
export const claudeCodeWriter: ClientWriter = {
  id: 'claude-code',
  title: 'Claude Code',
  files: (ctx) => [
    {
      path: join(ctx.home, '.claude', 'settings.json'),
      format: 'json',
      mode: 0o600,
      merge(existing) {
        const settings = asRecord(existing)
        const fast = (ctx.models.fast ?? ctx.models.agent).name
        const env: Record<string, unknown> = {
          ...asRecord(settings.env),
          ANTHROPIC_BASE_URL: ctx.routerUrl.replace(/\/+$/, ''),
          ANTHROPIC_AUTH_TOKEN: clientKey(ctx),
          ANTHROPIC_MODEL: ctx.models.agent.name,
          ANTHROPIC_DEFAULT_OPUS_MODEL: ctx.models.agent.name,
          ANTHROPIC_DEFAULT_SONNET_MODEL: ctx.models.agent.name,
          ANTHROPIC_DEFAULT_HAIKU_MODEL: fast,
          ANTHROPIC_SMALL_FAST_MODEL: fast,
          // No telemetry, error reports or update checks: the point is a box that works offline.
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        }
        const maxOut = ctx.models.agent.maxOutputTokens
        if (maxOut !== undefined) env.CLAUDE_CODE_MAX_OUTPUT_TOKENS = String(maxOut)
        return {...settings, env}
      },
    },
  ],
}
