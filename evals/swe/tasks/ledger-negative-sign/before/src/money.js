import {currency} from './currency.js'
import {LedgerError} from './errors.js'

// '12.34' -> 1234 minor units of `code`; more decimals than the currency has is an error.
export function parseAmount(text, code) {
  const {decimals} = currency(code)
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim())
  if (!m) throw new LedgerError(`not an amount: ${text}`)
  const fraction = m[3] ?? ''
  if (fraction.length > decimals) throw new LedgerError(`${code} has ${decimals} decimals: ${text}`)
  const minor = Number(m[2]) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || 0)
  return m[1] ? -minor : minor
}

export function formatAmount(minor, code) {
  const {symbol, decimals} = currency(code)
  const abs = Math.abs(minor)
  const units = Math.floor(abs / 10 ** decimals)
  const rest = String(abs % 10 ** decimals).padStart(decimals, '0')
  const text = decimals ? `${units}.${rest}` : `${units}`
  return `${symbol}${minor < 0 ? '-' : ''}${text}`
}
