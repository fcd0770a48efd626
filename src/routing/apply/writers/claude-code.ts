import {join} from 'node:path'
import {asRecord, clientKey} from '../placeholder-key.js'
import type {ClientWriter, RoutedModel} from '../types.js'

/** Claude Code reads a CLAUDE_CODE_AUTO_COMPACT_WINDOW below this as this (its strings, 2.1.332: `iF=1e5`). */
export const CLAUDE_CODE_MIN_WINDOW = 100_000

/**
 * When Claude Code compacts: at the model's context, told by CLAUDE_CODE_AUTO_COMPACT_WINDOW (it assumes 200,000
 * tokens for a model it does not know). A smaller context than its minimum window is reached through
 * CLAUDE_AUTOCOMPACT_PCT_OVERRIDE, the share of that window at which it compacts: the prompt must stay below the
 * context less the reply budget. The router's "prompt is too long" still backs it up (Claude Code compacts on it).
 */
export function compactWindow(model: RoutedModel): Record<string, string | undefined> {
  const context = model.contextLength
  if (context === undefined) return {}
  if (context >= CLAUDE_CODE_MIN_WINDOW)
    return {CLAUDE_CODE_AUTO_COMPACT_WINDOW: String(context), CLAUDE_AUTOCOMPACT_PCT_OVERRIDE: undefined}
  const prompt = context - (model.maxOutputTokens ?? 0)
  return {
    CLAUDE_CODE_AUTO_COMPACT_WINDOW: String(CLAUDE_CODE_MIN_WINDOW),
    CLAUDE_AUTOCOMPACT_PCT_OVERRIDE: String(Math.max(1, Math.floor((100 * prompt) / CLAUDE_CODE_MIN_WINDOW))),
  }
}

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
        // The main model's budget: Claude Code's small-model calls ask for little, and the router fits any request to
        // the context of the model that answers it.
        const maxOut = ctx.models.agent.maxOutputTokens
        if (maxOut !== undefined) env.CLAUDE_CODE_MAX_OUTPUT_TOKENS = String(maxOut)
        return {...settings, env: {...env, ...compactWindow(ctx.models.agent)}}
      },
    },
  ],
}
