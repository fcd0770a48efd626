// Second chances for an edit whose old_string is not in the file as written, each one cheap next to a slow local
// turn: the text was copied from `read` with its line-number prefixes, or differs only in whitespace.

/** `read` prints `  12\ttext`: a copy where every line carries such a prefix, without them; else undefined. */
export function stripLinePrefixes(s: string): string | undefined {
  const lines = s.split('\n')
  if (!lines.every((l) => /^ *\d+\t/.test(l))) return undefined
  return lines.map((l) => l.replace(/^ *\d+\t/, '')).join('\n')
}

/** Whitespace runs collapsed to one space, with the index in `text` where each kept character came from. */
function collapse(text: string): {flat: string; from: number[]} {
  let flat = ''
  const from: number[] = []
  for (let i = 0; i < text.length; i++) {
    const ws = /\s/.test(text[i] ?? '')
    if (ws && flat.endsWith(' ')) continue
    flat += ws ? ' ' : text[i]
    from.push(i)
  }
  return {flat, from}
}

export type LooseMatch = {start: number; end: number} | {ambiguous: number} | undefined

/**
 * Where `wanted` occurs in `text` when runs of whitespace count as equal; a match must be unique. The span grows
 * over the whitespace around it where `wanted` itself starts or ends with whitespace (so indentation is replaced).
 */
export function looseMatch(text: string, wanted: string): LooseMatch {
  const core = wanted.trim()
  if (!core) return undefined
  const {flat, from} = collapse(text)
  const needle = collapse(core).flat
  const at: number[] = []
  for (let i = flat.indexOf(needle); i >= 0 && at.length < 10; i = flat.indexOf(needle, i + 1)) at.push(i)
  const first = at[0]
  if (first === undefined) return undefined
  if (at.length > 1) return {ambiguous: at.length}
  let start = from[first] ?? 0
  let end = (from[first + needle.length - 1] ?? start) + 1
  if (/^\s/.test(wanted)) while (start > 0 && /[ \t]/.test(text[start - 1] ?? '')) start--
  if (/\s$/.test(wanted)) while (end < text.length && /[ \t]/.test(text[end] ?? '')) end++
  return {start, end}
}
