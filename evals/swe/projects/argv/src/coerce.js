import {ArgError} from './errors.js'

// Converts a raw value to the flag's type.
export function coerce(raw, type, flag) {
  if (type === 'number') {
    const n = Number(raw)
    if (raw.trim() === '' || Number.isNaN(n)) throw new ArgError(`--${flag} expects a number, got "${raw}"`, flag)
    return n
  }
  return raw
}
