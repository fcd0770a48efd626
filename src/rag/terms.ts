import type {Chunk} from './types.js'

// The words full-text search matches. Code names are split into their parts (`loadConfigFile` → load config file,
// `max_tokens` → max tokens) so a question in plain words finds them; the whole name is kept for exact matches.

/** Parts of an identifier, lower-cased; a single word gives itself. */
export function identifierParts(word: string): string[] {
  return word
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_$-]+/)
    .filter(Boolean)
    .map((p) => p.toLowerCase())
}

/** The text plus the parts of every compound identifier in it, each part once. */
export function expandIdentifiers(text: string): string {
  const extra = new Set<string>()
  for (const word of text.match(/[\p{L}\p{N}_$]+/gu) ?? []) {
    const parts = identifierParts(word)
    if (parts.length > 1) for (const p of parts) extra.add(p)
  }
  return extra.size ? `${text}\n${[...extra].join(' ')}` : text
}

/** What a chunk is called in full-text search and in the text that is embedded: path, symbol, signature. */
export function chunkHeader(c: Chunk): string {
  return [c.path, c.symbol && `${c.kind} ${c.symbol}`, c.signature].filter(Boolean).join('\n')
}

/** The full-text column of a chunk. */
export function chunkTerms(c: Chunk): string {
  return expandIdentifiers(`${c.path.replace(/[/._-]/g, ' ')}\n${chunkHeader(c)}\n${c.text}`)
}

/** The text sent to the embedding model (without the model's document prefix), cut to a size every model takes. */
export function embeddingText(c: Chunk, maxChars = 2000): string {
  const text = `${chunkHeader(c)}\n${c.text}`
  return text.length > maxChars ? text.slice(0, maxChars) : text
}

/**
 * The full-text column of a whole file: its path's words twice (a file's name says more than any one word of its
 * text; on the bench's codebases once or five times rank alike), the bare names of its symbols, and its text.
 */
export function fileTerms(path: string, symbols: string[], text: string): string {
  const pathWords = path.replace(/[/._-]/g, ' ')
  return expandIdentifiers(`${pathWords}\n${pathWords}\n${symbols.join(' ')}\n${text}`)
}
