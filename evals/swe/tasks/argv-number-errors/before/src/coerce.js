// Converts a raw value to the flag's type.
export function coerce(raw, type) {
  if (type === 'number') return Number(raw)
  return raw
}
