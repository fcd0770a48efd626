import {type CST, Parser} from 'yaml'

// Where an unclosed bracket or quote opens. The yaml parser reports an unclosed `[`, `{` or quote where it gave up
// (the next key, or the end of the file), lines after the typo; its concrete syntax tree still holds the opening
// token, and a flow collection without its closer or a quoted scalar without its end quote is that typo.

/** An opening `[`, `{`, `"` or `'` that is never closed: its offset in the text and the character. */
export interface UnclosedOpener {
  offset: number
  opener: string
}

const closed = (source: string, quote: string) => {
  if (source.length < 2 || !source.endsWith(quote)) return false
  if (quote === "'") return true
  // A double quote is escaped by an odd run of backslashes before it.
  const slashes = /\\*$/.exec(source.slice(1, -1))?.[0].length ?? 0
  return slashes % 2 === 0
}

/** The first opener in `text` that is never closed, or undefined when every bracket and quote closes. */
export function unclosedOpener(text: string): UnclosedOpener | undefined {
  let found: UnclosedOpener | undefined
  const visit = (token: CST.Token | undefined): void => {
    if (!token || found) return
    switch (token.type) {
      case 'document':
        visit(token.value)
        return
      case 'block-map':
      case 'block-seq':
        for (const item of token.items) {
          visit(item.key ?? undefined)
          visit(item.value)
        }
        return
      case 'flow-collection': {
        // An inner opener left open is the nearer cause of the outer one's missing closer.
        for (const item of token.items) {
          visit(item.key ?? undefined)
          visit(item.value)
        }
        const closer = token.start.source === '[' ? ']' : '}'
        if (!found && !token.end.some((t) => t.source === closer))
          found = {offset: token.offset, opener: token.start.source}
        return
      }
      case 'double-quoted-scalar':
      case 'single-quoted-scalar': {
        const quote = token.type === 'double-quoted-scalar' ? '"' : "'"
        if (!closed(token.source, quote)) found = {offset: token.offset, opener: quote}
        return
      }
      default:
    }
  }
  for (const token of new Parser().parse(text)) visit(token)
  return found
}
