import {EXIT, OacError} from '../../errors.js'
import {type HeldOut, patchHash} from '../../evals/swe/mine/hold-out.js'

// The split check: a second, independent look at what is about to be written. Every pair records the commit it
// came from and the hash of its non-test patch (hold-out.ts's patchHash, the same the miner's tasks are held out
// by); none may be in the evaluation split. Prepare filters held-out commits earlier; this check is what proves it,
// and it stops the run (nothing written) when it finds one. Pure.

export interface PairOrigin {
  commit: string
  patch_hash: string
}

export interface SplitCheck {
  eval_commits: number
  eval_patches: number
  pairs_checked: number
  leaked: PairOrigin[]
}

// Every empty patch hashes alike (a test-only change has no non-test patch): that hash identifies nothing.
const EMPTY = patchHash('')

/** Whether a change is in the evaluation split: its commit, or its non-empty patch's hash. */
export function isEvalChange(held: HeldOut, o: PairOrigin): boolean {
  return held.commits.has(o.commit) || (o.patch_hash !== EMPTY && held.patches.has(o.patch_hash))
}

export function checkSplit(origins: PairOrigin[], held: HeldOut): SplitCheck {
  return {
    eval_commits: held.commits.size,
    eval_patches: [...held.patches].filter((h) => h !== EMPTY).length,
    pairs_checked: origins.length,
    leaked: origins.filter((o) => isEvalChange(held, o)),
  }
}

/** The origin of a pair: its commit and the hash of its non-test patch as the miner splits it. */
export const originOf = (commit: string, nonTestPatch: string): PairOrigin => ({
  commit,
  patch_hash: patchHash(nonTestPatch),
})

/** Training data that holds an evaluation task: nothing is written (exit 1, a measured failure). */
export class SplitLeakError extends OacError {
  override name = 'SplitLeakError'
  constructor(readonly check: SplitCheck) {
    super(
      `The split check failed: ${check.leaked.length} training pair(s) hold an evaluation task (${check.leaked
        .slice(0, 3)
        .map((o) => o.commit.slice(0, 12))
        .join(', ')}); nothing was written.`,
      EXIT.failed,
    )
  }
}
