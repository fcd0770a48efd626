import {join} from 'node:path'
import {z} from 'zod'
import {packageRoot} from '../../paths.js'
import {loadYaml} from '../../profiles/load-yaml.js'

// What a cloud model costs, USD per million tokens: the shipped, dated table (profiles/cloud/prices.yaml, with its
// sources) and an upstream's own `prices:` in routing.yaml over it.

const perMillion = z.number().nonnegative()

const rates = {
  /** Uncached prompt tokens. */
  input: perMillion,
  /** Prompt tokens read from the provider's prompt cache (default: the input price). */
  cachedInput: perMillion.optional(),
  /** Prompt tokens written to the provider's prompt cache (default: the input price). */
  cacheWrite: perMillion.optional(),
  /** Reply tokens, reasoning included. */
  output: perMillion,
}

export const priceSchema = z.strictObject({
  ...rates,
  /** Other rates for every token of a request whose whole prompt is over `overTokens` (Claude Haiku 5.5). */
  longPrompt: z.strictObject({overTokens: z.number().int().positive(), ...rates}).optional(),
})
export type Price = z.output<typeof priceSchema>

const priceFile = z.strictObject({date: z.string(), models: z.record(z.string(), priceSchema)})

export interface PriceTable {
  date: string
  models: Record<string, Price>
}

let shipped: PriceTable | undefined

/** The table oac ships (read once). */
export function shippedPrices(): PriceTable {
  shipped ??= loadYaml(join(packageRoot, 'profiles', 'cloud', 'prices.yaml'), priceFile) as PriceTable
  return shipped
}

/** A model id with a dated snapshot's suffix: Anthropic's `-20250929`, OpenAI's `-2026-03-05`. */
const SNAPSHOT = /^(.+)-(?:\d{8}|\d{4}-\d\d-\d\d)$/

/**
 * The price of `model`: its entry, or the entry of the model it is a dated snapshot of
 * (`claude-sonnet-4-5-20250929`, `gpt-5.4-mini-2026-03-05`). Nothing else is guessed: `claude-sonnet-4-7` does not
 * take `claude-sonnet-4`'s price, and a model without a price must be given one in routing.yaml.
 */
export function findPrice(models: Readonly<Record<string, Price>>, model: string): Price | undefined {
  const exact = models[model]
  if (exact) return exact
  const base = SNAPSHOT.exec(model)?.[1]
  return base === undefined ? undefined : models[base]
}

/** An upstream's price for `model`: its own `prices:` first, then the shipped table. */
export function priceOf(overrides: Readonly<Record<string, Price>> | undefined, model: string): Price | undefined {
  return (overrides && findPrice(overrides, model)) ?? findPrice(shippedPrices().models, model)
}
