// The lines of a chunk shown under a hit: from the first line that holds a word of the question, a few lines.

export function snippet(text: string, words: string[], maxLines = 3): string {
  const lines = text.split('\n')
  const hit = lines.findIndex((l) => words.some((w) => l.toLowerCase().includes(w)))
  const from = Math.max(0, hit)
  return lines
    .slice(from, from + maxLines)
    .map((l) => (l.length > 160 ? `${l.slice(0, 160)}…` : l))
    .join('\n')
}
