const ELLIPSIS = '…'

// At most `max` characters; a cut text ends in an ellipsis, which counts toward `max`.
export function truncate(text, max) {
  if (max < 1) throw new RangeError('max must be at least 1')
  if (text.length <= max) return text
  return text.slice(0, max - 1).trimEnd() + ELLIPSIS
}
