import {createInterface} from 'node:readline/promises'
import {EXIT, OacError, UsageError} from '../errors.js'
import type {StepOutcome} from './run-steps.js'

// The questions and the closing line of `oac setup` around running its steps.

/** Asks before changing this machine; without a terminal to ask on, --yes or --dry-run is needed (exit 2). */
export async function confirmSetup(profile: string, steps: number): Promise<void> {
  if (!process.stdin.isTTY)
    throw new UsageError('oac setup changes this machine: pass --yes, or --dry-run to see what it would do')
  const rl = createInterface({input: process.stdin, output: process.stdout})
  const answer = await rl.question(`Set up ${profile} (${steps} steps)? [y/N] `)
  rl.close()
  if (!/^y(es)?$/i.test(answer.trim())) throw new OacError('cancelled', EXIT.failed)
}

/** `N step(s) done, M already done`, or the first failed step as an error (exit 1). */
export function summarizeOutcomes(outcomes: StepOutcome[]): string {
  const failed = outcomes.find((o) => o.status === 'failed')
  if (failed) throw new OacError(`step ${failed.id} failed: ${failed.error}`, EXIT.failed)
  const done = outcomes.filter((o) => o.status === 'done').length
  const skipped = outcomes.filter((o) => o.status === 'skipped').length
  return `${done} step(s) done, ${skipped} already done`
}
