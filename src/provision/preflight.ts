import {OacError} from '../errors.js'
import type {HardwareReport} from '../hardware/types.js'
import {describeHardware, describeRule} from '../profiles/match.js'
import type {Plan} from '../profiles/plan.js'
import type {MatchRule} from '../profiles/schema.js'

// Before `oac setup` changes a machine: is the profile meant for this hardware, and does its plan fit? Either "no"
// stops a real run (exit 2) unless --force; a dry run prints the same words and goes on, since it changes nothing.

export interface PreflightInput {
  hw: HardwareReport
  plan: Plan
  planned: {rule: MatchRule; matched?: string}
  /** Planned for a captured hardware report (--hardware) rather than this machine. */
  captured: boolean
}

/** What is wrong with setting this plan up on this hardware, one sentence each; empty when nothing is. */
export function preflightProblems({hw, plan, planned, captured}: PreflightInput): string[] {
  const problems: string[] = []
  const where = captured ? 'the given hardware' : 'this machine'
  if (!planned.matched)
    problems.push(
      `profile ${plan.profile} is for ${describeRule(planned.rule)}; found: ${describeHardware(hw)} on ${where}`,
    )
  if (!plan.fits)
    problems.push(
      `the plan does not fit: ${plan.requiredGiB} GiB needed of ${plan.budget.usableGiB} GiB usable (${plan.budget.detail})`,
    )
  return problems
}

export class SetupRefusedError extends OacError {
  override name = 'SetupRefusedError'
}

const advice =
  'Plan for another box with --hardware FOLDER|detect.json (captured with `oac detect --json`), choose a profile that ' +
  'matches (`oac detect` names it), see the plan with `oac plan --profile P`, or pass --force to set it up here anyway.'

/** Throws for a real run with problems (unless forced); returns the warnings a dry run or a forced run prints. */
export function checkPreflight(input: PreflightInput, o: {force: boolean; dryRun: boolean}): string[] {
  const problems = preflightProblems(input)
  if (problems.length && !o.force && !o.dryRun)
    throw new SetupRefusedError(`oac setup stopped before changing anything: ${problems.join('; ')}.\n${advice}`)
  return problems
}
