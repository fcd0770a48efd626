import {currency} from './currency.js'
import {LedgerError} from './errors.js'

// '12.34' -> 1234 minor units of `code`.
export function parseAmount(text, code) {
  currency(code)
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!m) throw new LedgerError(`not an amount: ${text}`)
  const minor = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'))
  return m[1] ? -minor : minor
}

export function formatAmount(minor, code) {
  const {symbol} = currency(code)
  const abs = Math.abs(minor)
  return `${minor < 0 ? '-' : ''}${symbol}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}
