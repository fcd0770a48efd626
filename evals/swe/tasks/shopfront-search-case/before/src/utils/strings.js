// Text for matching: no accents, lowercase, single spaces.
export function normalize(text) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

export function contains(haystack, needle) {
  return normalize(haystack).includes(needle.trim())
}
