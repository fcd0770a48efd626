import type {RoutedModel} from './types.js'

// The limits every client config gets, from the context the chosen model is served with. Clients ask for far more
// reply than a local engine leaves room for (Claude Code 32,000 tokens, Qwen Code 8,000 of any context): against a
// 32,768-token engine the first request of a real session (a ~15-20k-token system prompt and tools) then does not
// fit. A quarter of the context for the reply leaves three quarters for the prompt: 8,192 of 32,768 (the value that
// made Claude Code pass against such an engine), 2,048 of quickstart's 8,192, and the clients' own 32,000 from a
// 128k context up.

/** The most a client is told to ask for: Claude Code's own default, as much as any coding reply needs. */
export const MAX_REPLY_TOKENS = 32_000
const MIN_REPLY_TOKENS = 256

/** The reply budget for a model served with `context` tokens. */
export function outputBudget(context: number): number {
  return Math.max(Math.min(MIN_REPLY_TOKENS, context), Math.min(MAX_REPLY_TOKENS, Math.floor(context / 4)))
}

/** The model with its reply budget, when its context is known. */
export function withLimits(model: RoutedModel): RoutedModel {
  if (model.contextLength === undefined) return model
  return {...model, maxOutputTokens: outputBudget(model.contextLength)}
}
