// The other baseline a user already has: ripgrep with the question's keywords, files ranked by how many distinct
// keywords they contain (then by total matches), as `rg -c -i -F WORD` per keyword gives. Done in-process (same
// semantics: case-insensitive fixed strings over path-less file text) so it needs no rg binary.

/** Question words worth grepping: three letters or more, not one of the most common English words. */
export function grepKeywords(query: string): string[] {
  const words = (query.toLowerCase().match(/[\p{L}\p{N}_$]+/gu) ?? []).filter((w) => w.length >= 3)
  return [...new Set(words.filter((w) => !COMMON.has(w)))]
}

const COMMON = new Set(
  'the and for are but not you all any can her was one our out has how its may new now see way who did get let say she too use what when where which with that this from they will would there their been have into than then them these some such only also each other does more most like just over very while after before being both could should about'.split(
    ' ',
  ),
)

function occurrences(haystack: string, needle: string): number {
  let n = 0
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++
  return n
}

/** Files ranked by distinct keywords found, then by total matches. */
export function keywordGrep(
  files: {path: string; text: string}[],
  query: string,
  limit = 10,
): {path: string; score: number}[] {
  const words = grepKeywords(query)
  return files
    .map((f) => {
      const text = f.text.toLowerCase()
      let distinct = 0
      let total = 0
      for (const w of words) {
        const n = occurrences(text, w)
        if (n) distinct++
        total += n
      }
      return {path: f.path, distinct, total}
    })
    .filter((f) => f.distinct > 0)
    .sort((a, b) => b.distinct - a.distinct || b.total - a.total || a.path.localeCompare(b.path))
    .slice(0, limit)
    .map((f) => ({path: f.path, score: f.distinct}))
}
