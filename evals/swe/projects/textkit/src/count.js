export function wordCount(text) {
  return text.split(/\s+/).filter(Boolean).length
}

// User-perceived characters: an emoji or an accented letter made of several code points counts once.
export function charCount(text) {
  return [...new Intl.Segmenter('en', {granularity: 'grapheme'}).segment(text)].length
}
