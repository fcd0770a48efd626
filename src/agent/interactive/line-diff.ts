// A small unified line diff for showing what a tool changed: common prefix and suffix trimmed, then a longest
// common subsequence on the middle (or, when that would be too big to compute, the middle replaced whole).

/** Lines compared; beyond this many middle cells the LCS is skipped. */
const MAX_CELLS = 4_000_000
const NO_EOL = '\n\\ No newline at end of file'

type Op = {kind: ' ' | '-' | '+'; text: string}

/** Lines of a text; the last one carries a marker when the text does not end with a newline. */
function lines(text: string | undefined): string[] {
  if (!text) return []
  const parts = text.split('\n')
  if (parts.at(-1) === '') parts.pop()
  else parts[parts.length - 1] += NO_EOL
  return parts
}

function middleOps(a: string[], b: string[]): Op[] {
  if (a.length * b.length > MAX_CELLS)
    return [...a.map((text) => ({kind: '-' as const, text})), ...b.map((text) => ({kind: '+' as const, text}))]
  // lcs[i][j]: length of the LCS of a[i..] and b[j..]
  const lcs = Array.from({length: a.length + 1}, () => new Uint32Array(b.length + 1))
  for (let i = a.length - 1; i >= 0; i--) {
    const row = lcs[i] as Uint32Array
    const next = lcs[i + 1] as Uint32Array
    for (let j = b.length - 1; j >= 0; j--)
      row[j] = a[i] === b[j] ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number)
  }
  const ops: Op[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({kind: ' ', text: a[i++] as string})
      j++
    } else if (j < b.length && (i >= a.length || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) {
      ops.push({kind: '+', text: b[j++] as string})
    } else {
      ops.push({kind: '-', text: a[i++] as string})
    }
  }
  // Deletions read better before insertions: reorder each run of changes.
  const sorted: Op[] = []
  let run: Op[] = []
  const flush = () => {
    sorted.push(...run.filter((o) => o.kind === '-'), ...run.filter((o) => o.kind === '+'))
    run = []
  }
  for (const op of ops) {
    if (op.kind === ' ') {
      flush()
      sorted.push(op)
    } else run.push(op)
  }
  flush()
  return sorted
}

/** Every line of both texts as kept, deleted or added. */
export function diffOps(before: string | undefined, after: string | undefined): Op[] {
  const a = lines(before)
  const b = lines(after)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const keep = (texts: string[]): Op[] => texts.map((text) => ({kind: ' ', text}))
  return [...keep(a.slice(0, start)), ...middleOps(a.slice(start, endA), b.slice(start, endB)), ...keep(a.slice(endA))]
}

const range = (start: number, count: number) => (count === 1 ? `${start}` : `${count ? start : start - 1},${count}`)

/**
 * A unified diff of two versions of `path` with `context` lines around each change; '' when they are the same.
 * `before` undefined means the file is new.
 */
export function unifiedDiff(path: string, before: string | undefined, after: string, context = 3): string {
  const ops = diffOps(before, after)
  const changed = ops.flatMap((op, i) => (op.kind === ' ' ? [] : [i]))
  if (!changed.length) return ''
  // Group changes whose context windows touch into hunks.
  const hunks: [number, number][] = []
  for (const i of changed) {
    const last = hunks.at(-1)
    if (last && i - last[1] <= 2 * context + 1) last[1] = i
    else hunks.push([i, i])
  }
  const out = [`--- ${before === undefined ? '/dev/null' : `a/${path}`}`, `+++ b/${path}`]
  // Line numbers in the old and new file at each op.
  let oldLine = 1
  let newLine = 1
  const at = ops.map((op) => {
    const here = {oldLine, newLine}
    if (op.kind !== '+') oldLine++
    if (op.kind !== '-') newLine++
    return here
  })
  for (const [first, last] of hunks) {
    const from = Math.max(0, first - context)
    const to = Math.min(ops.length - 1, last + context)
    const slice = ops.slice(from, to + 1)
    const start = at[from] as {oldLine: number; newLine: number}
    const oldCount = slice.filter((o) => o.kind !== '+').length
    const newCount = slice.filter((o) => o.kind !== '-').length
    out.push(`@@ -${range(start.oldLine, oldCount)} +${range(start.newLine, newCount)} @@`)
    for (const op of slice) out.push(`${op.kind}${op.text}`)
  }
  return out.join('\n')
}
