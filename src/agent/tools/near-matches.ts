// Where an edit's old text almost occurs, so a model whose copy drifted (indentation, a changed line) can retry
// with the real text instead of guessing again.

export interface NearMatch {
  /** 1-based first line. */
  line: number
  lines: string[]
  /** 0..1, mean similarity of the lines. */
  score: number
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>()
  for (let i = 0; i < s.length - 1; i++) {
    const b = s.slice(i, i + 2)
    m.set(b, (m.get(b) ?? 0) + 1)
  }
  return m
}

/** Dice coefficient of character bigrams of two trimmed lines (1: equal). */
export function lineSimilarity(a: string, b: string): number {
  const x = a.trim()
  const y = b.trim()
  if (x === y) return 1
  if (x.length < 2 || y.length < 2) return 0
  const bx = bigrams(x)
  let common = 0
  for (const [g, n] of bigrams(y)) common += Math.min(n, bx.get(g) ?? 0)
  return (2 * common) / (x.length - 1 + y.length - 1)
}

/** The best windows of the file (as many lines as the wanted text), best first, above `min` similarity. */
export function nearMatches(text: string, wanted: string, max = 2, min = 0.5): NearMatch[] {
  const lines = text.split('\n')
  const want = wanted.split('\n').slice(0, 30)
  const n = Math.min(want.length, lines.length)
  const found: NearMatch[] = []
  for (let i = 0; i + n <= lines.length; i++) {
    let sum = 0
    for (let k = 0; k < n; k++) sum += lineSimilarity(lines[i + k] ?? '', want[k] ?? '')
    const score = sum / want.length
    if (score >= min) found.push({line: i + 1, lines: lines.slice(i, i + n), score})
  }
  found.sort((a, b) => b.score - a.score || a.line - b.line)
  const picked: NearMatch[] = []
  for (const m of found) {
    if (picked.some((p) => Math.abs(p.line - m.line) < n)) continue
    picked.push(m)
    if (picked.length === max) break
  }
  return picked
}
