import {structuredPatch} from 'diff'

// A unified line diff for showing what a tool changed, computed by jsdiff (Myers' algorithm, any file size).

/** `start,count` of a hunk header as `diff -u` writes it: `start` alone for one line, the line before for none. */
const range = (start: number, count: number) => (count === 1 ? `${start}` : `${count ? start : start - 1},${count}`)

/**
 * A unified diff of two versions of `path` with `context` lines around each change; '' when they are the same.
 * `before` undefined means the file is new.
 */
export function unifiedDiff(path: string, before: string | undefined, after: string, context = 3): string {
  const patch = structuredPatch(path, path, before ?? '', after, undefined, undefined, {context})
  if (!patch.hunks.length) return ''
  const out = [`--- ${before === undefined ? '/dev/null' : `a/${path}`}`, `+++ b/${path}`]
  for (const h of patch.hunks) {
    out.push(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`, ...h.lines)
  }
  return out.join('\n')
}
