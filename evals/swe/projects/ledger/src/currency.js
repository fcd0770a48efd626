import {LedgerError} from './errors.js'

// ISO 4217 minor units: https://www.iso.org/iso-4217-currency-codes.html
export const CURRENCIES = {
  USD: {symbol: '$', decimals: 2},
  EUR: {symbol: '€', decimals: 2},
  JPY: {symbol: '¥', decimals: 0},
  KWD: {symbol: 'KD ', decimals: 3},
}

export function currency(code) {
  const c = CURRENCIES[code]
  if (!c) throw new LedgerError(`unknown currency ${code}`)
  return c
}
