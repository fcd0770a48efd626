import {createHash} from 'node:crypto'

// Near-duplicates: two changes whose changed lines are the same once whitespace and order are ignored (a
// cherry-pick, a backport to another branch that landed here too, a re-indent of the same edit). Only the first in
// time is kept. Pure.

/** The identity of a unified diff's change, blind to whitespace, line order, hunk positions and context. */
export function changeKey(diff: string): string {
  const lines = diff
    .split('\n')
    .filter((l) => /^[+-]/.test(l) && !/^(\+\+\+|---) /.test(l))
    .map((l) => `${l[0]}${l.slice(1).replace(/\s+/g, '')}`)
    .filter((l) => l.length > 1)
    .sort()
  return createHash('sha256').update(lines.join('\n')).digest('hex')
}
