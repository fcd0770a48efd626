import type {ApplyContext} from './types.js'

// Clients refuse to start without some key even when the router needs none (it binds loopback by default), so
// they get a placeholder that says what it is.
export const localKeyPlaceholder = 'oac-local-no-key'

export function clientKey(ctx: ApplyContext): string {
  return ctx.apiKey ?? localKeyPlaceholder
}

/** The OpenAI-style base URL of the router (`…/v1`). */
export function routerV1(ctx: ApplyContext): string {
  return `${ctx.routerUrl.replace(/\/+$/, '')}/v1`
}

/** A plain object to merge into: the existing value when it is one, else a fresh object. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? {...(value as object)} : {}
}
