import {LedgerError} from './errors.js'

export const CURRENCIES = {
  USD: {symbol: '$'},
  EUR: {symbol: '€'},
  JPY: {symbol: '¥'},
  KWD: {symbol: 'KD '},
}

export function currency(code) {
  const c = CURRENCIES[code]
  if (!c) throw new LedgerError(`unknown currency ${code}`)
  return c
}
