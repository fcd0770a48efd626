import type {Slo} from './types.js'

// Parsing of bench flag values, with errors that say what was expected and what arrived.

export function parseIntList(name: string, value: string): number[] {
  const items = value.split(',').map((s) => s.trim())
  const numbers = items.map(Number)
  if (!items.length || numbers.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`Expected --${name} to be positive integers separated by commas, got \`${value}\``)
  return numbers
}

/** `inf` or positive numbers, comma-separated. */
export function parseRates(value: string): number[] {
  return value.split(',').map((s) => {
    const t = s.trim()
    if (t === 'inf') return Number.POSITIVE_INFINITY
    const n = Number(t)
    if (!Number.isFinite(n) || n <= 0)
      throw new Error(`Expected --request-rate to be inf or positive numbers separated by commas, got \`${value}\``)
    return n
  })
}

/** `ttft=500,tpot=50,e2el=20000` (ms). */
export function parseSlo(value: string): Slo {
  const slo: Slo = {}
  for (const part of value.split(',')) {
    const [key, raw] = part.split('=').map((s) => s.trim())
    const ms = Number(raw)
    if ((key !== 'ttft' && key !== 'tpot' && key !== 'e2el') || !Number.isFinite(ms) || ms <= 0)
      throw new Error(`Expected --slo like ttft=500,tpot=50 (ms; keys ttft, tpot, e2el), got \`${value}\``)
    slo[key] = ms
  }
  return slo
}
