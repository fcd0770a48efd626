import type {PairedInterval} from './bootstrap.js'

// The declared rules `oac finetune compare` decides by, in order:
// 1. n/a: no task was judged for both models (nothing measured; exit 2).
// 2. regressed: general coding got worse: the tuned model's tool-calling accuracy is more than TOOL_MARGIN below the
//    base's, or the whole interval of the SWE difference is below zero.
// 3. keep: the whole interval is above zero (a measurable gain on held-out tasks of this repository).
// 4. no measurable gain: anything else (the interval holds zero).
// Pure.

export const TOOL_MARGIN = 0.05

export type Verdict = 'keep' | 'no measurable gain' | 'regressed' | 'n/a'

export interface VerdictInput {
  swe: PairedInterval
  toolCalling: {base: number | null; tuned: number | null}
}

export function verdictOf(v: VerdictInput): {verdict: Verdict; why: string} {
  const {swe, toolCalling: tc} = v
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`
  const ci = `${pct(swe.diff)} [${pct(swe.lo)}, ${pct(swe.hi)}] over ${swe.n} tasks`
  if (!swe.n || tc.base === null || tc.tuned === null)
    return {verdict: 'n/a', why: 'nothing was measured for both models (no judged task, or no tool-calling accuracy)'}
  if (tc.tuned < tc.base - TOOL_MARGIN)
    return {
      verdict: 'regressed',
      why: `tool calling fell from ${pct(tc.base)} to ${pct(tc.tuned)} (more than ${pct(TOOL_MARGIN)})`,
    }
  if (swe.hi < 0) return {verdict: 'regressed', why: `resolved rate changed by ${ci}: below zero`}
  if (swe.lo > 0) return {verdict: 'keep', why: `resolved rate changed by ${ci}: above zero, and tool calling held`}
  return {verdict: 'no measurable gain', why: `resolved rate changed by ${ci}: the interval holds zero`}
}
