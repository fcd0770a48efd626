import {createHash} from 'node:crypto'

// The time split between tasks to evaluate on and history to train on. `oac eval swe mine --hold-out-after DATE`
// marks tasks whose change landed after DATE as the evaluation split; `oac finetune prepare` must never train on
// them: it drops any change whose commit or patch hash is in the evaluation split (a cherry-pick or a rebase keeps
// the patch and changes the sha, so both are checked). Pure.

export type Split = 'train' | 'eval'

/** A date flag (YYYY-MM-DD or full ISO 8601) as a time; undefined when it is not a date. */
export function parseDate(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return undefined
  const t = Date.parse(text.trim())
  return Number.isNaN(t) ? undefined : t
}

/** The split of a change that landed at `date`: `eval` when it is after `after`. */
export function splitOf(date: string, after: number): Split {
  return Date.parse(date) > after ? 'eval' : 'train'
}

/**
 * A patch's identity regardless of where it applies: the hash of its changed lines and the files they are in, with
 * index lines, hunk positions and context left out, so a cherry-pick or a rebase of the same change hashes alike.
 */
export function patchHash(patch: string): string {
  const kept = patch
    .split('\n')
    .filter((l) => /^(\+\+\+ |--- |[+-])/.test(l) || l.startsWith('diff --git '))
    .map((l) => l.trimEnd())
  return createHash('sha256').update(kept.join('\n')).digest('hex')
}

/** What training must not see: the commits and patch hashes of a mined dataset's evaluation split. */
export interface HeldOut {
  commits: Set<string>
  patches: Set<string>
}

export function heldOutOf(tasks: {commit?: string | undefined; patch: string; split?: Split | undefined}[]): HeldOut {
  const held = tasks.filter((t) => t.split === 'eval')
  return {
    commits: new Set(held.flatMap((t) => (t.commit ? [t.commit] : []))),
    patches: new Set(held.flatMap((t) => (names(t.patch) ? [patchHash(t.patch)] : []))),
  }
}

/** Whether a patch changes any line: an empty one hashes alike for every change and identifies none. */
const names = (patch: string) => /^[+-](?![+-]{2} )/m.test(patch)

/** Whether a change (its commit and its non-test patch) is held out for evaluation. */
export function isHeldOut(held: HeldOut, commit: string, patch: string): boolean {
  return held.commits.has(commit) || (names(patch) && held.patches.has(patchHash(patch)))
}
