import {ValidationError} from './errors.js'

export function requireFields(obj, fields) {
  const missing = fields.filter((f) => obj?.[f] === undefined || obj[f] === '')
  if (missing.length) throw new ValidationError(`missing ${missing.join(', ')}`)
}

export function requirePositiveInt(value, name) {
  if (!Number.isInteger(value) || value <= 0) throw new ValidationError(`${name} must be a positive integer`)
}
